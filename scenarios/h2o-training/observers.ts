import type { Simulation, TraceRecord } from '../../src/scenario/index.js';
import type { H2OTrainingWorld } from './world.js';

/**
 * From the cloud's and the job's trace records: the cloud sizes formed, the
 * fewest members the leader counted healthy, jobs started and failed, and
 * the last job event (for the pane).
 */
export class H2OTrainingObserved {
  formedSizes: number[] = [];
  /** Fewest healthy members of a formed cloud (its size minus the unhealthy ones); -1 before any cloud. */
  healthyMin = -1;
  jobsStarted = 0;
  jobsFailed = 0;
  lastJobEvent = '-';
  private healthy = 0;

  record(rec: TraceRecord): void {
    switch (rec.kind) {
      case 'formed':
        this.formedSizes.push(Number(rec.data?.['size']));
        this.healthy = Number(rec.data?.['size']);
        this.low();
        return;
      case 'unhealthy': this.healthy--; this.low(); return;
      case 'regained': this.healthy++; return;
      case 'job-started': this.jobsStarted++; break;
      case 'job-failed': this.jobsFailed++; break;
      case 'job-completed': case 'job-partial': case 'cluster-restart': case 'gave-up': break;
      default: return;
    }
    this.lastJobEvent = `${rec.kind} at ${(rec.t / 1e6).toFixed(1)} s`;
  }

  private low(): void {
    if (this.healthyMin < 0 || this.healthy < this.healthyMin) this.healthyMin = this.healthy;
  }
}

export function observeH2OTraining(_world: H2OTrainingWorld, sim: Simulation): H2OTrainingObserved {
  const o = new H2OTrainingObserved();
  sim.trace.addSink({ record: (rec: TraceRecord) => o.record(rec) });
  return o;
}
