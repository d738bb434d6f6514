import { z } from 'zod';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, toMs, type Micros } from '../../src/kernel/time.js';
import { CrashLoopBackOff } from '../k8s/crash-loop-backoff.js';
import { NO_PARAMS } from '../lifecycle/fault-params.js';
import type { AppConfigEvents } from './app-config-events.js';
import type { RawConfig } from './config-schema.js';
import { checkField, describeConfigProblems, validateConfig } from './validate-config.js';

/**
 * - `fail-fast`: the whole config is validated before the app opens its
 *   port (seed 004); a wrong one exits the container, so the pod never gets
 *   Ready and the kubelet restarts it with CrashLoopBackOff delays (0, 10,
 *   20, 40 s ... 300 s [K8S-PODLC]), old pods keep serving;
 * - `lazy`: the app starts and gets Ready, and a wrong field fails the
 *   requests that read it (HTTP 500), from the first one on.
 */
export type ConfigMode = 'fail-fast' | 'lazy';

export interface ConfiguredAppOptions {
  readonly mode: ConfigMode;
  /** Container start to serving, when the config lets it (ASSUMPTION: 5 s). */
  readonly startupMs: number;
  /** Container start to the exit of a failed validation (interpreter start, imports: ASSUMPTION 1 s). */
  readonly failAfterMs: number;
}

export const DEFAULT_CONFIGURED_APP: ConfiguredAppOptions = { mode: 'fail-fast', startupMs: 5_000, failAfterMs: 1_000 };

/** `bad-config`: the next start reads a config with `field` unset (no `value`) or set to `value`. */
export const BAD_CONFIG_PARAMS = z.strictObject({
  field: z.string().min(1).describe('the setting to break').default('DATABASE_URL'),
  value: z.string().describe('the wrong value (default: the setting is missing)').optional(),
});

export type AppReply = 'ok' | 'config-error' | 'unavailable';

/**
 * An app whose container reads its config at every start (ASSUMPTION: a
 * start reads the config installed now; env vars from a ConfigMap change
 * only for a new pod, which the `restart` fault stands for). Faults (target
 * = name): `bad-config {field, value?}` and `fix-config` change what the next
 * start reads; `restart` starts a fresh container now (kubectl rollout
 * restart: back-off history cleared).
 */
export class ConfiguredApp<S extends z.ZodObject> {
  readonly options: ConfiguredAppOptions;
  ready = false;
  readyAt: Micros = -1;
  restarts = 0;
  served = 0;
  configErrors = 0;
  unavailable = 0;
  private installed: RawConfig;
  private running: RawConfig | null = null;
  private readonly reported = new Set<string>();
  private backoff = new CrashLoopBackOff();
  private timer = -1;

  constructor(private readonly sim: Simulation, readonly name: string, private readonly schema: S, private readonly good: RawConfig, options: Partial<ConfiguredAppOptions> = {}) {
    this.options = { ...DEFAULT_CONFIGURED_APP, ...options };
    this.installed = good;
    sim.faults.on(name, 'bad-config', (f) => this.install(broken(this.good, f.params?.['field'] as string, f.params?.['value'] as string | undefined), f.params?.['field'] as string), BAD_CONFIG_PARAMS);
    sim.faults.on(name, 'fix-config', () => this.install(this.good, ''), NO_PARAMS);
    sim.faults.on(name, 'restart', () => { this.backoff = new CrashLoopBackOff(); this.start(); }, NO_PARAMS);
    this.start();
  }

  private get trace() { return this.sim.trace.typed<AppConfigEvents>(); }

  /** The config the next start reads. */
  install(raw: RawConfig, field: string): void {
    this.installed = raw;
    this.trace.emit(this.name, 'config-installed', { valid: validateConfig(this.schema, raw).ok, field });
  }

  /** One request that reads `fields` of the config. */
  handle(fields: readonly string[]): AppReply {
    if (!this.ready || this.running === null) { this.unavailable++; return 'unavailable'; }
    for (const field of fields) {
      const problem = checkField(this.schema, this.running, field);
      if (problem === null) continue;
      this.configErrors++;
      if (!this.reported.has(field)) { this.reported.add(field); this.trace.emit(this.name, 'config-error', { field, message: problem.message }); }
      return 'config-error';
    }
    this.served++;
    return 'ok';
  }

  private start(): void {
    if (this.timer >= 0) this.sim.cancel(this.timer);
    this.ready = false;
    this.running = null;
    this.reported.clear();
    const startedAt = this.sim.now, config = this.installed;
    this.backoff.started(startedAt);
    this.trace.emit(this.name, 'container-started', { restarts: this.restarts });
    const verdict = validateConfig(this.schema, config);
    if (this.options.mode === 'fail-fast' && !verdict.ok) {
      this.timer = this.sim.schedule(ms(this.options.failAfterMs), () => this.exit(describeConfigProblems(verdict.problems)));
      return;
    }
    this.timer = this.sim.schedule(ms(this.options.startupMs), () => {
      this.timer = -1;
      this.running = config;
      this.ready = true;
      this.readyAt = this.sim.now;
      this.trace.emit(this.name, 'ready', { afterStartMs: toMs(this.sim.now - startedAt) });
    });
  }

  private exit(problems: string): void {
    const delay = this.backoff.next(this.sim.now);
    this.restarts++;
    this.trace.emit(this.name, 'config-invalid', { problems, restartInMs: toMs(delay), restarts: this.restarts });
    this.timer = this.sim.schedule(delay, () => { this.timer = -1; this.start(); });
  }
}

/** `good` with `field` unset, or set to `value`. */
export function broken(good: RawConfig, field: string, value: string | undefined): RawConfig {
  const out: Record<string, string | undefined> = { ...good };
  if (value === undefined) delete out[field];
  else out[field] = value;
  return out;
}
