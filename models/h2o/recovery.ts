import type { Simulation } from '../../src/kernel/simulation.js';
import type { Micros } from '../../src/kernel/time.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import type { H2OCloud } from './cloud.js';
import type { Dkv } from './dkv.js';
import type { H2OJobEvents } from './h2o-events.js';
import { TrainingJob, type TrainingJobOptions } from './training-job.js';

export interface RecoveryOptions {
  /** Tries in all: the seed's block is one try and one retry (2). */
  readonly maxAttempts?: number;
  /**
   * From restart_h2o_cluster() to the pods' JVMs running: pod deletion,
   * scheduling, JVM boot and the DNS lookup of the headless Service
   * (H2O_NODE_LOOKUP_TIMEOUT, up to 3 min without an expected count [H2O-K8S]).
   * Formation then takes its three heartbeats.
   */
  readonly restartMs: number;
}

export type RecoveryState = 'waiting' | 'training' | 'good-model' | 'partial-model' | 'gave-up';

/**
 * The seed's retry block (Scenario D): `h2o.init(); train()`, and on
 * H2OConnectionError restart cluster formation (every pod restarts; the
 * cloud and the DKV are gone) and train again from scratch on the new cloud.
 * A job that hangs raises nothing, so it is never retried; a partial model
 * raises nothing either and is kept (state 'partial-model').
 *
 * Measured: time to a good model (from start to a completed job with all
 * data), attempts, restarts.
 */
export class H2ORecovery {
  state: RecoveryState = 'waiting';
  attempts = 0;
  restarts = 0;
  startedAt: Micros = -1;
  goodModelAt: Micros = -1;
  job: TrainingJob | undefined = undefined;
  private readonly maxAttempts: number;
  private readonly trace: TypedTrace<H2OJobEvents>;
  private readonly source: string;

  constructor(private readonly sim: Simulation, private readonly cloud: H2OCloud, private readonly dkv: Dkv, private readonly jobOptions: TrainingJobOptions, private readonly options: RecoveryOptions) {
    this.maxAttempts = options.maxAttempts ?? 2;
    this.trace = sim.trace.typed<H2OJobEvents>();
    this.source = jobOptions.name ?? 'h2o-job';
  }

  /** h2o.init(): wait for the cloud, then train. */
  start(): void {
    this.startedAt = this.sim.now;
    this.attempt();
  }

  /** ms from start() to the good model; -1 if none (yet). */
  get timeToGoodModelMs(): number {
    return this.goodModelAt < 0 ? -1 : (this.goodModelAt - this.startedAt) / 1000;
  }

  private attempt(): void {
    this.attempts++;
    this.state = 'waiting';
    const attempt = this.attempts;
    this.cloud.whenFormed(() => {
      if (attempt !== this.attempts) return;
      this.state = 'training';
      this.job = new TrainingJob(this.sim, this.cloud, this.dkv, this.jobOptions, attempt);
      this.job.start((j) => this.ended(j));
    });
  }

  private ended(job: TrainingJob): void {
    if (job.state === 'completed') {
      this.state = 'good-model';
      this.goodModelAt = this.sim.now;
    } else if (job.state === 'partial') {
      this.state = 'partial-model';
    } else if (this.attempts < this.maxAttempts) {
      this.restarts++;
      this.trace.emit(this.source, 'cluster-restart', { attempt: this.attempts, restartMs: this.options.restartMs });
      this.cloud.restartAll(this.options.restartMs);
      this.attempt();
    } else {
      this.state = 'gave-up';
      this.trace.emit(this.source, 'gave-up', { attempts: this.attempts });
    }
  }
}
