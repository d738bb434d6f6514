import type { RecordOf } from '../../src/kernel/trace-events.js';

/** A configured app's trace events (source: its name). */
export type AppConfigEvents = {
  /** A `bad-config` / `fix-config` fault changed the config the next start reads. */
  'config-installed': { valid: boolean; field: string };
  'container-started': { restarts: number };
  ready: { afterStartMs: number };
  /** Fail-fast: start-up validation failed; the container exits and the kubelet restarts it after `restartInMs` (CrashLoopBackOff). */
  'config-invalid': { problems: string; restartInMs: number; restarts: number };
  /** Lazy: the first request that read the wrong field failed (once per field and start). */
  'config-error': { field: string; message: string };
};
export type AppConfigRecord = RecordOf<AppConfigEvents>;
