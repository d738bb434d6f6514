import type { RandomStream } from '../../src/kernel/rng.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { GenericService, type ServiceCall, type ServiceReply } from '../service/service.js';
import type { GenericServiceOptions } from '../service/service-options.js';
import type { Colour } from './deployment.js';
import type { Release } from './release.js';
import type { AnswerShaper } from './routed-call.js';
import type { SchemaState } from './schema.js';

/**
 * One colour of a blue-green pair: `replicas` instances of GenericService
 * (`<name>-0`, `<name>-1`, ...) running one release, as one Kubernetes
 * ReplicaSet (Argo Rollouts switches the active Service between two of them
 * [ARGO-BG]). A pool rather than one service with more workers, because
 * the defects are per process: one instance reaching its crash-after-N
 * count dies alone while the others serve, and a scenario can crash, hang
 * or slow one instance by its name. The router sends requests round robin
 * over all of the colour's instances, a dead one included (it refuses: a
 * proxy without per-instance health checks, see load-balancer.ts for one
 * with them), so the colour's error rate shows the defect whole.
 *
 * What the release and the schema do to an answer is applied here, on the
 * way out of the instance: a request the instance served is an error when
 * the schema no longer fits the code (every request touches the migrated
 * table) or when the release's error-rate defect draws it.
 */
export class Environment implements AnswerShaper {
  readonly instances: readonly GenericService[];
  release: Release;
  /** Served answers turned into errors because the schema does not fit the release. */
  schemaErrors = 0;
  /** Served answers turned into errors by the release's error-rate defect. */
  defectErrors = 0;
  /** Instances the release's crash defects killed (crash-on-start included). */
  defectCrashes = 0;
  private readonly servedSinceStart: number[];
  private next = 0;
  private readonly rng: RandomStream;
  private readonly crash = (i: number) => this.crashInstance(i);

  constructor(private readonly sim: Simulation, readonly name: string, readonly colour: Colour, replicas: number,
    service: Partial<GenericServiceOptions>, initial: Release, private readonly schema: SchemaState) {
    const instances: GenericService[] = [];
    for (let i = 0; i < replicas; i++) instances.push(new GenericService(sim, `${name}-${i}`, service));
    this.instances = instances;
    this.servedSinceStart = instances.map(() => 0);
    this.release = initial;
    this.rng = sim.rng(`deploy/${name}`);
  }

  /** Instances serving now. */
  get running(): number {
    return this.instances.filter((s) => s.life.state === 'running').length;
  }

  /** The instance for the next request: round robin over all of them. */
  pick(): number {
    const i = this.next;
    this.next = (i + 1) % this.instances.length;
    return i;
  }

  /** Hands `call` to instance `i`; false when nothing answers there at the TCP level. */
  deliver(i: number, call: ServiceCall): boolean {
    return this.instances[i]!.arrive(call);
  }

  /** The instances exit (a ReplicaSet scaled to zero); in-flight requests are reset. */
  stop(): void {
    for (const s of this.instances) s.life.stop('killed');
  }

  /** The instances start with `r` (a stopped one starts; a lost node stays lost); a crash-on-start release dies at once, for good. */
  start(r: Release): void {
    this.release = r;
    this.servedSinceStart.fill(0);
    for (const s of this.instances) {
      if (s.life.state === 'stopped') s.life.startNow();
      if (r.defect.kind === 'crash-on-start' && s.life.state === 'running') {
        this.defectCrashes++;
        s.life.stop('crash', {});
      }
    }
  }

  /** What the caller hears of instance `i`'s `reply`. */
  outcome(i: number, reply: ServiceReply): ServiceReply {
    const served = reply === 'ok' || reply === 'error' || reply === 'conflict';
    if (served) this.countServed(i);
    if (reply !== 'ok') return reply;
    if (!this.schema.worksWith(this.release)) {
      this.schemaErrors++;
      return 'error';
    }
    const d = this.release.defect;
    if (d.kind === 'error-rate' && d.rate > 0 && this.rng.next() < d.rate) {
      this.defectErrors++;
      return 'error';
    }
    return reply;
  }

  /** crash-after-requests: the N-th request served since the start is answered, then the process dies (right after, at the same instant). */
  private countServed(i: number): void {
    const d = this.release.defect;
    if (d.kind !== 'crash-after-requests') return;
    if (++this.servedSinceStart[i]! < d.requests) return;
    this.servedSinceStart[i] = 0;
    this.sim.schedule(0, this.crash, i);
  }

  private crashInstance(i: number): void {
    const s = this.instances[i]!, d = this.release.defect;
    if (s.life.state !== 'running' || d.kind !== 'crash-after-requests') return;
    this.defectCrashes++;
    s.life.stop('crash', d.restartAfterMs === null ? {} : { restartAfterMs: d.restartAfterMs });
  }
}
