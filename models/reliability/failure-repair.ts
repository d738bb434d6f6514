import type { DowntimeTracker } from '../../src/kernel/metrics/downtime.js';
import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { checkDistribution, sampleDistribution, type Distribution } from './distribution.js';
import type { ReliabilityEvents } from './reliability-events.js';

export interface FailureRepairOptions {
  /** Time to failure, measured from the end of the last repair (ms). */
  readonly ttf: Distribution;
  /** Time to repair (ms). */
  readonly ttr: Distribution;
  /** Called at the instant the component fails, after its state changed. */
  readonly onDown?: (component: FailureRepair) => void;
  /** Called at the instant the repair completes, after its state changed. */
  readonly onUp?: (component: FailureRepair) => void;
  /**
   * A trace record per failure and repair (default true). A horizon of
   * years over many components makes millions of them; a model that
   * traces its own aggregate state (e.g. a k-of-n system going down) can
   * turn these off to save the time, at the cost of a digest that does not
   * see each component.
   */
  readonly trace?: boolean;
}

/**
 * One component that fails and is repaired, again and again: an
 * alternating renewal process (up for a ttf draw, down for a ttr draw).
 * Its long-run availability is MTTF / (MTTF + MTTR) whatever the
 * distributions (the renewal-reward theorem), which is what lets tests
 * check the simulation against a closed form.
 *
 * Randomness: two streams, `reliability/<name>/ttf` and `.../ttr`. With
 * one stream, changing the repair distribution (a lognormal takes two
 * draws, an exponential one) would reshuffle every later lifetime; with
 * two, a sweep that only changes repairs keeps the same sequence of up
 * periods seed for seed, so a paired comparison sees only the change.
 */
export class FailureRepair {
  up = true;
  /** Failures so far. */
  failures = 0;
  /** Repairs completed so far. */
  repairs = 0;
  /** Windows of downtime (kernel metric `reliability/<name>`). */
  readonly downtime: DowntimeTracker;
  private readonly since: Micros;
  private readonly ttfRng: RandomStream;
  private readonly ttrRng: RandomStream;
  private readonly traced: boolean;
  private readonly failNow = (): void => this.fail();
  private readonly repairNow = (): void => this.repair();

  constructor(private readonly sim: Simulation, readonly name: string, private readonly options: FailureRepairOptions) {
    checkDistribution(options.ttf, `${name} time to failure`);
    checkDistribution(options.ttr, `${name} time to repair`);
    // The tracker and the streams are keyed by the name: two components with one name would share them.
    if (sim.metrics.downtimes.has(`reliability/${name}`)) throw new Error(`reliability: a component named ${name} already exists`);
    this.downtime = sim.metrics.downtime(`reliability/${name}`);
    this.ttfRng = sim.rng(`reliability/${name}/ttf`);
    this.ttrRng = sim.rng(`reliability/${name}/ttr`);
    this.traced = options.trace ?? true;
    this.since = sim.now;
    sim.schedule(ms(sampleDistribution(options.ttf, this.ttfRng)), this.failNow);
  }

  /** Fraction of the time since creation the component was up. */
  availability(now: Micros = this.sim.now): number {
    const span = now - this.since;
    return span <= 0 ? (this.up ? 1 : 0) : 1 - this.downtime.total(now) / span;
  }

  private fail(): void {
    this.up = false;
    this.failures++;
    this.downtime.down(this.sim.now);
    const ttrMs = sampleDistribution(this.options.ttr, this.ttrRng);
    if (this.traced) this.sim.trace.typed<ReliabilityEvents>().emit(this.name, 'down', { failure: this.failures });
    this.options.onDown?.(this);
    this.sim.schedule(ms(ttrMs), this.repairNow);
  }

  private repair(): void {
    this.up = true;
    this.repairs++;
    this.downtime.up(this.sim.now);
    const ttfMs = sampleDistribution(this.options.ttf, this.ttfRng);
    if (this.traced) this.sim.trace.typed<ReliabilityEvents>().emit(this.name, 'up', { repair: this.repairs });
    this.options.onUp?.(this);
    this.sim.schedule(ms(ttfMs), this.failNow);
  }
}
