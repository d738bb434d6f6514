import { ms, type Micros } from '../../src/kernel/time.js';

/**
 * What ends a component's run. `bounce` is a restart of a running one (the
 * stop half of it); `killed` is a kill from outside (the kubelet's SIGKILL, a
 * SIGTERM shutdown); `node-crash` takes the machine and its supervisor too.
 */
export type StopCause = 'crash' | 'oom' | 'bounce' | 'killed' | 'node-crash';

/** After a stop: restart after this many µs (a timer), at once (no event), or not until something restarts it. */
export type RestartDelay = Micros | 'now' | null;

/**
 * A process supervised by whoever injected the fault (systemd's Restart=,
 * a container runtime's restart policy, an operator): it comes back
 * `restartAfterMs` after it died if the fault asked for that, else it stays
 * down until a restart. A bounce never schedules anything: the restart that
 * caused it starts the process itself.
 */
export function restartOnRequest(cause: StopCause, detail: { readonly restartAfterMs?: number | undefined } | undefined): RestartDelay {
  if (cause === 'bounce' || detail?.restartAfterMs === undefined) return null;
  return ms(detail.restartAfterMs);
}
