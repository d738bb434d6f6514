import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { ApiInstance } from './api-instance.js';

/**
 * A load balancer with active health checks (nginx/HAProxy style): every
 * `intervalMs` it checks each instance; `unhealthyAfter` failures in a row
 * take it out of rotation and `healthyAfter` successes put it back. Between
 * a crash and the checks noticing, requests still go to the dead instance.
 */
export interface HealthCheckOptions {
  readonly intervalMs: number;
  readonly unhealthyAfter: number;
  readonly healthyAfter: number;
}

export class LoadBalancer {
  private readonly healthy = new Map<string, boolean>();
  private readonly streak = new Map<string, number>();
  private next = 0;
  private readonly rng: RandomStream;

  constructor(private readonly sim: Simulation, private readonly instances: readonly ApiInstance[], private readonly o: HealthCheckOptions) {
    this.rng = sim.rng('lb');
    for (const i of instances) { this.healthy.set(i.name, true); this.streak.set(i.name, 0); }
    sim.schedule(ms(o.intervalMs * this.rng.next()), () => this.check());
  }

  /** Whether the health checks keep `name` in rotation. */
  isHealthy(name: string): boolean {
    return this.healthy.get(name) === true;
  }

  /** The instance for the next request (round robin over healthy ones), or undefined when none is healthy. */
  pick(): ApiInstance | undefined {
    const live = this.instances.filter((i) => this.healthy.get(i.name));
    if (live.length === 0) return undefined;
    return live[this.next++ % live.length];
  }

  private check(): void {
    for (const i of this.instances) {
      const ok = i.pod.serving;
      const wasHealthy = this.healthy.get(i.name)!;
      const s = ok === wasHealthy ? 0 : this.streak.get(i.name)! + 1;
      this.streak.set(i.name, s);
      if (wasHealthy && !ok && s >= this.o.unhealthyAfter) this.flip(i.name, false);
      else if (!wasHealthy && ok && s >= this.o.healthyAfter) this.flip(i.name, true);
    }
    this.sim.schedule(ms(this.o.intervalMs), () => this.check());
  }

  private flip(name: string, healthy: boolean): void {
    this.healthy.set(name, healthy);
    this.streak.set(name, 0);
    this.sim.trace.emit('lb', healthy ? 'in-rotation' : 'out-of-rotation', { instance: name });
  }
}
