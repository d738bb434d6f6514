import { z } from 'zod';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import { NO_PARAMS, delayMs } from '../lifecycle/fault-params.js';
import type { ServiceEvents } from './service-events.js';

const healAfterMs = delayMs('ms the degradation lasts (default: until a heal fault)').optional();

/**
 * The dependency faults of seed 001's first table, as fault kinds on a
 * service: each changes how the service answers until it ends (`healAfterMs`) or a
 * `heal` fault clears every degradation. A new fault of a kind replaces the
 * running one of the same kind.
 */
export const DEGRADATION_FAULTS = {
  /** Every request takes `addMs` longer and holds its worker meanwhile (a slow disk, a slow call below it). */
  'latency-spike': z.strictObject({ addMs: delayMs('ms added to every request').default(2000), healAfterMs }),
  /** A fraction of requests fail (HTTP 500) after being served. */
  'error-rate': z.strictObject({ rate: z.number().min(0).max(1).describe('fraction of requests answered with an error').default(0.5), healAfterMs }),
  /** Connections are refused at once (nothing listens on the port: the process is up but not accepting). */
  refuse: z.strictObject({ healAfterMs }),
  /** Service time multiplied by `factor` (CPU contention, GC pauses). */
  slow: z.strictObject({ factor: z.number().min(1).describe('service-time multiplier').default(10), healAfterMs }),
  heal: NO_PARAMS,
};

type Kind = 'latency-spike' | 'error-rate' | 'refuse' | 'slow';

/** The current degradation of one service, read on every request. */
export class Degradation {
  addUs = 0;
  slowFactor = 1;
  errorRate = 0;
  refusing = false;
  private readonly timers = new Map<Kind, number>();

  constructor(private readonly sim: Simulation, private readonly name: string) {
    const on = (kind: Kind, apply: (p: any) => number) => {
      sim.faults.on(name, kind, (f) => this.start(kind, apply(f.params), f.params?.['healAfterMs'] as number | undefined), DEGRADATION_FAULTS[kind]);
    };
    on('latency-spike', (p) => { this.addUs = ms(p.addMs); return p.addMs; });
    on('error-rate', (p) => { this.errorRate = p.rate; return p.rate; });
    on('refuse', () => { this.refusing = true; return 1; });
    on('slow', (p) => { this.slowFactor = p.factor; return p.factor; });
    sim.faults.on(name, 'heal', () => { for (const kind of [...this.timers.keys()]) this.end(kind); }, NO_PARAMS);
  }

  get degraded(): boolean {
    return this.timers.size > 0;
  }

  private start(kind: Kind, value: number, lastsMs: number | undefined): void {
    const old = this.timers.get(kind);
    if (old !== undefined && old >= 0) this.sim.cancel(old);
    this.timers.set(kind, lastsMs === undefined ? -1 : this.sim.schedule(ms(lastsMs), () => this.end(kind)));
    this.sim.trace.typed<ServiceEvents>().emit(this.name, 'degraded', { kind, value });
  }

  private end(kind: Kind): void {
    const timer = this.timers.get(kind);
    if (timer === undefined) return;
    if (timer >= 0) this.sim.cancel(timer);
    this.timers.delete(kind);
    if (kind === 'latency-spike') this.addUs = 0;
    else if (kind === 'error-rate') this.errorRate = 0;
    else if (kind === 'refuse') this.refusing = false;
    else this.slowFactor = 1;
    this.sim.trace.typed<ServiceEvents>().emit(this.name, 'restored', { kind });
  }
}
