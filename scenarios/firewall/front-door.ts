import { ms, type Simulation, type RandomStream } from '../../src/scenario/index.js';
import type { ApiPod } from './api-pod.js';
import type { ApiRequest } from './request.js';

/**
 * The Service in front of the API pods: its endpoints are the Ready pods,
 * as the EndpointSlice controller and kube-proxy see them a moment after a
 * change (`propagationMs`); each request goes to one at random, as
 * kube-proxy's iptables rules pick. With no endpoint the ingress answers
 * 503 (no healthy upstream).
 */
export class FrontDoor {
  endpoints: readonly ApiPod[] = [];
  private readonly pods: ApiPod[] = [];
  private generation = 0;
  private readonly rng: RandomStream;

  constructor(private readonly sim: Simulation, private readonly propagationMs: number) {
    this.rng = sim.rng('service/api');
  }

  /** A pod of the Deployment; it is routed to while Ready. */
  add(pod: ApiPod): void {
    this.pods.push(pod);
    pod.onReadyChange(() => this.changed());
    this.changed();
  }

  get readyPods(): number {
    return this.endpoints.length;
  }

  send(req: ApiRequest): void {
    const eps = this.endpoints;
    if (eps.length === 0) return req.answer(503, ms(1_000));
    eps[Math.floor(this.rng.next() * eps.length)]!.arrive(req);
  }

  /** Schedules the endpoints to follow the pods; a later change supersedes one in flight. */
  private changed(): void {
    const gen = ++this.generation;
    // The Service exists with its first pods: nothing to propagate at the start.
    if (this.sim.now === 0) return this.follow();
    this.sim.schedule(ms(this.propagationMs), () => { if (gen === this.generation) this.follow(); });
  }

  private follow(): void {
    for (let i = this.pods.length - 1; i >= 0; i--) if (this.pods[i]!.pod.removed) this.pods.splice(i, 1);
    this.endpoints = this.pods.filter((p) => p.ready);
  }
}
