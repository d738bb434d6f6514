import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { Pod } from './pod.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import type { ServiceEvents } from './service-events.js';

/**
 * A Service selecting pods by label. Its endpoints are the matching pods that
 * are Ready (by their readiness probe, or simply running without one), and they follow changes only after the EndpointSlice controller
 * and kube-proxy have propagated them (a delay drawn per change). A pod on a
 * lost node stays Ready until the node controller marks the node NotReady,
 * `nodeMonitorGracePeriodMs` after the node stopped reporting (50 s in recent
 * Kubernetes, 40 s before). Clients pick an endpoint at random per connection,
 * as kube-proxy does.
 */
export interface ServiceOptions {
  readonly selector: Readonly<Record<string, string>>;
  readonly propagationMedianMs: number;
  readonly nodeMonitorGracePeriodMs: number;
}

export class Service {
  endpoints: readonly string[] = [];
  private readonly rng: RandomStream;
  private generation = 0;
  private readonly trace: TypedTrace<ServiceEvents>;

  constructor(private readonly sim: Simulation, readonly name: string, private readonly pods: readonly Pod[], private readonly options: ServiceOptions) {
    this.rng = sim.rng(`service/${name}`);
    this.trace = sim.trace.typed<ServiceEvents>();
    for (const pod of pods) {
      pod.onRoutingChange(() => this.reconcile());
      pod.onStop(() => this.reconcile());
    }
    this.endpoints = this.desired();
  }

  private ready(pod: Pod): boolean {
    // A pod being deleted is terminating: its endpoint stops being ready at once.
    if (pod.deleting) return false;
    // Without a readiness probe a frozen process keeps its pod Ready.
    if (pod.state === 'running' || pod.state === 'hung') return pod.ready;
    // A lost node keeps reporting nothing; its pods count as Ready until the grace period ends.
    return pod.state === 'node-down' && pod.nodeDownSince !== null && this.sim.now - pod.nodeDownSince < ms(this.options.nodeMonitorGracePeriodMs);
  }

  private desired(): string[] {
    const sel = Object.entries(this.options.selector);
    return this.pods.filter((p) => this.ready(p) && sel.every(([k, v]) => p.labels.get(k) === v)).map((p) => p.name);
  }

  /** Schedules the endpoints to follow the pods; a later change supersedes an earlier one in flight. */
  private reconcile(): void {
    const gen = ++this.generation;
    const delay = ms(this.options.propagationMedianMs) * Math.exp(0.5 * this.rng.normal());
    this.sim.schedule(delay, () => {
      if (gen !== this.generation) return;
      const next = this.desired();
      if (next.join(',') === this.endpoints.join(',')) return;
      this.endpoints = next;
      this.trace.emit(`svc/${this.name}`, 'endpoints', { endpoints: next });
    });
    // A lost node's pods drop out when the grace period ends, with no other change to prompt it.
    for (const p of this.pods) {
      if (p.state === 'node-down' && p.nodeDownSince !== null) {
        const left = p.nodeDownSince + ms(this.options.nodeMonitorGracePeriodMs) - this.sim.now;
        if (left > 0) this.sim.schedule(left, () => this.reconcile());
      }
    }
  }

  /** An endpoint for a new connection, or undefined when the Service has none. */
  pick(): string | undefined {
    if (this.endpoints.length === 0) return undefined;
    return this.endpoints.length === 1 ? this.endpoints[0] : this.rng.choice(this.endpoints);
  }
}
