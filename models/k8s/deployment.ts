import { z } from 'zod';
import type { Simulation } from '../../src/kernel/simulation.js';
import { sec, type Micros } from '../../src/kernel/time.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import { DEFAULT_MAX_SURGE, DEFAULT_MAX_UNAVAILABLE, newRsTarget, oldRsTargets, resolveFenceposts, type IntOrPercent } from './rollout.js';
import type { K8sResourceEvents } from './resource-events.js';

/** One pod of a Deployment, implemented by the consumer (its pod, container, endpoints). */
export interface Replica {
  readonly name: string;
  readonly revision: number;
  /** The pod's Ready condition. */
  readonly ready: boolean;
  /** Calls `cb` whenever `ready` changes. */
  onReadyChange(cb: (ready: boolean) => void): void;
  /** Delete the pod (graceful termination); it stops counting at once. */
  terminate(): void;
}

/** Creates the pods; `template` is what the revision runs (an image tag, a config). */
export interface ReplicaFactory<T> {
  create(name: string, revision: number, template: T): Replica;
}

export interface DeploymentOptions {
  /** spec.replicas (default 1). */
  readonly replicas?: number | undefined;
  readonly maxSurge?: IntOrPercent | undefined;
  readonly maxUnavailable?: IntOrPercent | undefined;
  /** A pod counts as available once Ready this long (default 0). */
  readonly minReadySeconds?: number | undefined;
  /** No progress for this long sets Progressing=False/ProgressDeadlineExceeded (default 600). */
  readonly progressDeadlineSeconds?: number | undefined;
  /** Old ReplicaSets kept for rollback (default 10). */
  readonly revisionHistoryLimit?: number | undefined;
}

export const DEFAULT_DEPLOYMENT = { replicas: 1, minReadySeconds: 0, progressDeadlineSeconds: 600, revisionHistoryLimit: 10 } as const;

/** The Progressing condition: rolling, complete (NewReplicaSetAvailable), or stuck (ProgressDeadlineExceeded). */
export type RolloutCondition = 'Progressing' | 'Complete' | 'ProgressDeadlineExceeded';

interface ReplicaSet<T> {
  readonly id: number;
  revision: number;
  readonly template: T;
  pods: PodEntry[];
}

interface PodEntry {
  readonly replica: Replica;
  readySince: Micros | null;
}

interface Counts {
  updated: number;
  old: number;
  ready: number;
  available: number;
}

/**
 * A Deployment with the RollingUpdate strategy (pkg/controller/deployment
 * rolling.go, sync.go, progress.go) [K8S-ROLLING], [K8S-DEPLOY]: the newest
 * ReplicaSet grows within replicas + maxSurge pods, old ones shrink while at
 * least replicas − maxUnavailable pods stay available (unavailable old pods
 * first). A pod is available once Ready for minReadySeconds. With no
 * progress (more pods updated, fewer old ones, more ready or available) for
 * progressDeadlineSeconds the Progressing condition turns False with
 * ProgressDeadlineExceeded, and that is all: nothing rolls back unless
 * `rollback()` (kubectl rollout undo) is called, which is a rolling update
 * back to the previous revision's template, under a new revision number.
 * The ReplicaSet controller deletes unready pods before ready ones.
 * Simplified: a scale during a rollout is absorbed by the rolling arithmetic
 * instead of sync.go's proportional scaling of every active ReplicaSet.
 * Faults (target = name): scale {replicas}, rollback.
 */
export class Deployment<T> {
  readonly maxSurge: IntOrPercent;
  readonly maxUnavailable: IntOrPercent;
  condition: RolloutCondition = 'Complete';
  private spec: number;
  private readonly rsets: ReplicaSet<T>[] = [];
  private current: ReplicaSet<T> | null = null;
  private serial = 0;
  private podSerial = 0;
  private lastProgressUs: Micros = 0;
  private deadlineTimer = -1;
  private counts: Counts = { updated: 0, old: 0, ready: 0, available: 0 };
  private reconciling = false;
  private readonly trace: TypedTrace<K8sResourceEvents>;
  private readonly src: string;

  constructor(private readonly sim: Simulation, readonly name: string, private readonly factory: ReplicaFactory<T>, template: T, private readonly options: DeploymentOptions = {}) {
    this.spec = options.replicas ?? DEFAULT_DEPLOYMENT.replicas;
    this.maxSurge = options.maxSurge ?? DEFAULT_MAX_SURGE;
    this.maxUnavailable = options.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE;
    resolveFenceposts(this.maxSurge, this.maxUnavailable, this.spec);
    this.trace = sim.trace.typed<K8sResourceEvents>();
    this.src = `deploy/${name}`;
    sim.faults.on(name, 'scale', (f) => this.scale(Number(f.params?.['replicas'])), z.object({ replicas: z.number().int().min(0) }));
    sim.faults.on(name, 'rollback', () => { this.rollback(); }, z.object({}).strict().optional());
    this.rollout(template);
  }

  /** spec.replicas. */
  get replicas(): number { return this.spec; }
  /** The current revision (the newest ReplicaSet's). */
  get revision(): number { return this.current?.revision ?? 0; }
  /** Revisions kept, oldest first, with their templates (kubectl rollout history). */
  get history(): { revision: number; template: T; pods: number }[] {
    return [...this.rsets].sort((a, b) => a.revision - b.revision).map((r) => ({ revision: r.revision, template: r.template, pods: r.pods.length }));
  }
  /** Every live replica, newest ReplicaSet first. */
  get pods(): Replica[] { return this.ordered().flatMap((r) => r.pods.map((p) => p.replica)); }
  /** Pods available now (Ready for minReadySeconds). */
  get availableReplicas(): number { return this.rsets.reduce((n, r) => n + r.pods.filter((p) => this.isAvailable(p)).length, 0); }
  get updatedReplicas(): number { return this.current?.pods.length ?? 0; }

  /** kubectl scale / the HPA: sets spec.replicas. */
  scale(replicas: number): void {
    if (!(Number.isInteger(replicas) && replicas >= 0)) throw new RangeError(`Deployment ${this.name}: replicas ${replicas}`);
    if (replicas === this.spec) return;
    this.trace.emit(this.src, 'deployment-scaled', { from: this.spec, to: replicas });
    this.spec = replicas;
    this.reconcile();
  }

  /** A new pod template (kubectl apply / set image): a rolling update to it. */
  rollout(template: T, rollback = false): void {
    const next = this.revision + 1;
    const same = this.rsets.find((r) => r.template === template);
    if (same === this.current && same !== undefined) return;
    const rs = same ?? { id: ++this.serial, revision: next, template, pods: [] };
    rs.revision = next;
    if (same === undefined) this.rsets.push(rs);
    this.current = rs;
    this.trace.emit(this.src, 'rollout-started', { revision: next, rollback });
    this.progressed();
    this.reconcile();
  }

  /** kubectl rollout undo: roll back to the previous revision; false if there is none. */
  rollback(): boolean {
    const prev = this.rsets.filter((r) => r !== this.current).sort((a, b) => b.revision - a.revision)[0];
    if (prev === undefined) return false;
    this.rollout(prev.template, true);
    return true;
  }

  private ordered(): ReplicaSet<T>[] {
    return [...this.rsets].sort((a, b) => b.revision - a.revision);
  }

  private isAvailable(p: PodEntry): boolean {
    const minReadyUs = sec(this.options.minReadySeconds ?? DEFAULT_DEPLOYMENT.minReadySeconds);
    return p.replica.ready && p.readySince !== null && this.sim.now - p.readySince >= minReadyUs;
  }

  /** Runs the controller until nothing changes (each change would requeue it), then updates the status. */
  private reconcile(): void {
    if (this.reconciling) return;
    this.reconciling = true;
    try {
      while (this.step()) { /* another pass: the controller requeues on its own changes */ }
    } finally {
      this.reconciling = false;
    }
    this.updateStatus();
  }

  /** One rolloutRolling pass: grow the new ReplicaSet, else shrink old ones. */
  private step(): boolean {
    const rs = this.current!;
    // Old ReplicaSets by creation, oldest first (ReplicaSetsByCreationTimestamp).
    const olds = this.rsets.filter((r) => r !== rs).sort((a, b) => a.id - b.id);
    const { surge, unavailable } = resolveFenceposts(this.maxSurge, this.maxUnavailable, this.spec);
    const total = this.rsets.reduce((n, r) => n + r.pods.length, 0);
    const newSize = newRsTarget(this.spec, surge, total, rs.pods.length);
    if (newSize !== rs.pods.length) return this.resize(rs, newSize);
    const size = (r: ReplicaSet<T>) => ({ replicas: r.pods.length, available: r.pods.filter((p) => this.isAvailable(p)).length });
    const targets = oldRsTargets(this.spec, unavailable, size(rs), olds.map(size));
    let changed = false;
    olds.forEach((r, i) => { if (targets[i] !== r.pods.length) changed = this.resize(r, targets[i]!) || changed; });
    return changed;
  }

  private resize(rs: ReplicaSet<T>, to: number): boolean {
    const from = rs.pods.length;
    if (to === from) return false;
    this.trace.emit(this.src, 'rs-scaled', { revision: rs.revision, from, to });
    while (rs.pods.length < to) this.createPod(rs);
    if (rs.pods.length > to) {
      // The ReplicaSet controller deletes not-ready pods first, then the newest.
      const victims = [...rs.pods].sort((a, b) => Number(a.replica.ready) - Number(b.replica.ready)).slice(0, rs.pods.length - to);
      rs.pods = rs.pods.filter((p) => !victims.includes(p));
      for (const v of victims) {
        this.trace.emit(this.src, 'replica-terminated', { replica: v.replica.name, revision: rs.revision, ready: v.replica.ready });
        v.replica.terminate();
      }
    }
    return true;
  }

  private createPod(rs: ReplicaSet<T>): void {
    const name = `${this.name}-${rs.id}-${++this.podSerial}`;
    const replica = this.factory.create(name, rs.revision, rs.template);
    const entry: PodEntry = { replica, readySince: replica.ready ? this.sim.now : null };
    rs.pods.push(entry);
    this.trace.emit(this.src, 'replica-created', { replica: name, revision: rs.revision });
    replica.onReadyChange((ready) => this.readyChanged(rs, entry, ready));
  }

  private readyChanged(rs: ReplicaSet<T>, entry: PodEntry, ready: boolean): void {
    if (!rs.pods.includes(entry)) return;
    entry.readySince = ready ? this.sim.now : null;
    const minReadyUs = sec(this.options.minReadySeconds ?? DEFAULT_DEPLOYMENT.minReadySeconds);
    if (ready && minReadyUs > 0) this.sim.schedule(minReadyUs, () => this.reconcile());
    this.reconcile();
  }

  /** syncRolloutStatus: progress, completion, the deadline; and the revision-history cleanup. */
  private updateStatus(): void {
    const rs = this.current!;
    const all = this.rsets.flatMap((r) => r.pods);
    const next: Counts = { updated: rs.pods.length, old: all.length - rs.pods.length, ready: all.filter((p) => p.replica.ready).length, available: all.filter((p) => this.isAvailable(p)).length };
    const prev = this.counts;
    this.counts = next;
    const complete = next.updated === this.spec && next.old === 0 && next.available === this.spec;
    if (complete) {
      if (this.condition === 'Complete') return;
      this.condition = 'Complete';
      this.sim.cancel(this.deadlineTimer);
      this.trace.emit(this.src, 'rollout-complete', { revision: rs.revision });
      this.cleanupHistory();
    } else if (next.updated > prev.updated || next.old < prev.old || next.ready > prev.ready || next.available > prev.available) {
      // DeploymentProgressing; a pod merely going unready after completion is no progress and starts no deadline.
      this.progressed();
    }
  }

  /** Progressing=True (ReplicaSetUpdated) as of now: the deadline restarts. */
  private progressed(): void {
    this.condition = 'Progressing';
    this.lastProgressUs = this.sim.now;
    this.sim.cancel(this.deadlineTimer);
    const deadlineUs = sec(this.options.progressDeadlineSeconds ?? DEFAULT_DEPLOYMENT.progressDeadlineSeconds);
    this.deadlineTimer = this.sim.at(this.lastProgressUs + deadlineUs, () => {
      if (this.condition !== 'Progressing') return;
      this.condition = 'ProgressDeadlineExceeded';
      this.trace.emit(this.src, 'progress-deadline-exceeded', { revision: this.revision, deadlineMs: deadlineUs / 1000 });
    });
  }

  /** cleanupDeployment: old, empty ReplicaSets beyond revisionHistoryLimit go, oldest first. */
  private cleanupHistory(): void {
    const limit = this.options.revisionHistoryLimit ?? DEFAULT_DEPLOYMENT.revisionHistoryLimit;
    const empties = this.rsets.filter((r) => r !== this.current && r.pods.length === 0).sort((a, b) => a.revision - b.revision);
    for (const r of empties.slice(0, Math.max(0, empties.length - limit))) this.rsets.splice(this.rsets.indexOf(r), 1);
  }
}
