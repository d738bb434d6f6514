import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { LoadBalancerEvents } from './load-balancer-events.js';

/**
 * A load balancer with active health checks, as nginx's `health_check`
 * (interval, fails, passes) or HAProxy's `check inter/fall/rise` do it:
 * every `intervalMs` it checks each backend; `unhealthyAfter` failures in a
 * row take it out of rotation and `healthyAfter` successes put it back.
 * Between a crash and the checks noticing, requests still go to the dead
 * backend. Requests go round robin over the backends in rotation.
 *
 * Trace (source = `name`): out-of-rotation, in-rotation {instance}.
 */
export interface HealthCheckOptions {
  readonly intervalMs: number;
  readonly unhealthyAfter: number;
  readonly healthyAfter: number;
}

export interface LoadBalancerOptions<B> extends HealthCheckOptions {
  /** The health check's verdict on a backend now (an HTTP check: does its process answer?). */
  healthy(backend: B): boolean;
  /** Trace source and random stream name (the first check's phase); default 'lb'. */
  readonly name?: string;
}

/** What the load balancer needs of a backend: a name to trace and to keep its health by. */
export interface Backend {
  readonly name: string;
}

export class LoadBalancer<B extends Backend> {
  readonly name: string;
  private readonly healthy = new Map<string, boolean>();
  private readonly streak = new Map<string, number>();
  private next = 0;
  private readonly rng: RandomStream;

  constructor(private readonly sim: Simulation, private readonly backends: readonly B[], private readonly o: LoadBalancerOptions<B>) {
    this.name = o.name ?? 'lb';
    this.rng = sim.rng(this.name);
    for (const b of backends) { this.healthy.set(b.name, true); this.streak.set(b.name, 0); }
    // The balancer started at some moment of a check interval, not at time 0 of the run.
    sim.schedule(ms(o.intervalMs * this.rng.next()), () => this.check());
  }

  /** Whether the health checks keep `name` in rotation. */
  isHealthy(name: string): boolean {
    return this.healthy.get(name) === true;
  }

  /** The backend for the next request (round robin over healthy ones), or undefined when none is healthy. */
  pick(): B | undefined {
    const live = this.backends.filter((b) => this.healthy.get(b.name));
    if (live.length === 0) return undefined;
    return live[this.next++ % live.length];
  }

  private check(): void {
    for (const b of this.backends) {
      const ok = this.o.healthy(b);
      const wasHealthy = this.healthy.get(b.name)!;
      const s = ok === wasHealthy ? 0 : this.streak.get(b.name)! + 1;
      this.streak.set(b.name, s);
      if (wasHealthy && !ok && s >= this.o.unhealthyAfter) this.flip(b.name, false);
      else if (!wasHealthy && ok && s >= this.o.healthyAfter) this.flip(b.name, true);
    }
    this.sim.schedule(ms(this.o.intervalMs), () => this.check());
  }

  private flip(name: string, healthy: boolean): void {
    this.healthy.set(name, healthy);
    this.streak.set(name, 0);
    this.sim.trace.typed<LoadBalancerEvents>().emit(this.name, healthy ? 'in-rotation' : 'out-of-rotation', { instance: name });
  }
}
