import type { Process, ProcessGenerator } from '../../src/kernel/process.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { Network } from '../net/network.js';
import { isAlive, Lifecycle, type LifeState, type LifecycleTarget, type RestartDelay } from '../lifecycle/lifecycle.js';
import { CrashLoopBackOff } from './crash-loop-backoff.js';
import { POD_FAULTS } from './pod-faults.js';
import { NO_PARAMS } from '../lifecycle/fault-params.js';
import type { PodEvents } from './pod-events.js';

/**
 * A pod on its own node: containers that start, crash, hang and restart.
 *
 * States: running; hung (processes frozen: the kernel still accepts TCP, the
 * application answers nothing); stopped (containers exited, the kubelet will
 * restart them after the crash-loop back-off); node-down (the machine is gone:
 * no kubelet, nothing restarts until the node returns); starting.
 *
 * Faults (target = pod name): crash (containers exit, kubelet restarts them),
 * hang, node-crash {recoverAfterMs?}, node-recover, restart (kubectl delete
 * pod: a graceful termination, then a new pod of the same name), and with
 * `memoryLimited` oom. The states and restart timer are the shared Lifecycle.
 *
 * The kubelet stops a container gracefully (pkg/kubelet/kuberuntime/
 * kuberuntime_container.go `killContainer`): the preStop hook runs, then
 * SIGTERM, and SIGKILL when `terminationGracePeriodSeconds` (default 30 s,
 * at least 2 s) has passed since the kill decision. A process that handles
 * SIGTERM (`onTerm`) shuts down in its own time and reports `exited()`;
 * one that does not dies at once; a frozen one cannot act and dies by the
 * SIGKILL. A deleted pod is terminating from the start and leaves every
 * Service's endpoints at once (EndpointSlice: ready = serving && !terminating);
 * a container killed by its liveness probe keeps its pod Ready until it
 * exits (the pod is not deleted, so its endpoint is not terminating).
 */
export type PodState = LifeState;

export interface PodOptions {
  /** Time from container start to serving (process start, crash recovery). */
  readonly startupMs: number;
  /** terminationGracePeriodSeconds, in ms: SIGTERM to SIGKILL (Kubernetes default 30 s). */
  readonly terminationGracePeriodMs?: number | undefined;
  /** How long the preStop hook runs before SIGTERM, inside the grace period (none by default). */
  readonly preStopMs?: number | undefined;
  /**
   * The container has a memory limit, so the kernel's OOM killer can kill it
   * at the cgroup's limit: the `oom` fault, an exit the kubelet reports as
   * OOMKilled and restarts like any other.
   */
  readonly memoryLimited?: boolean | undefined;
  /**
   * A deleted pod comes back under its own name (a StatefulSet's, the
   * default), or is gone for good (a Deployment's: its ReplicaSet creates a
   * new pod under a new name).
   */
  readonly replacedOnDelete?: boolean | undefined;
}

/** Kubernetes' default terminationGracePeriodSeconds, and the kubelet's floor (minimumGracePeriodInSeconds). */
export const DEFAULT_TERMINATION_GRACE_MS = 30_000;
const MIN_GRACE_MS = 2_000;

interface Termination {
  readonly reason: string;
  /** The pod is being deleted (not only its container restarted). */
  readonly deleting: boolean;
  killTimer: number;
}

/** Why the containers stop: `reason` kills the processes, `exit` is what container-exit records. */
interface PodStop {
  readonly reason: string;
  readonly exit: string;
  /** The pod is being deleted: a new pod of the same name starts at once. */
  readonly deleting: boolean;
}

export class Pod {
  readonly labels = new Map<string, string>();
  /** When the node last stopped reporting (node-down), for the node controller. */
  nodeDownSince: Micros | null = null;
  /** Deleted for good (a Deployment's pod, see `replacedOnDelete`): nothing of it runs again. */
  removed = false;
  private readonly procs = new Set<Process<unknown>>();
  private readonly startHooks: ((pod: Pod) => void)[] = [];
  private readonly stopHooks: ((pod: Pod) => void)[] = [];
  private readonly routingHooks: (() => void)[] = [];
  private readonly termHooks: ((pod: Pod) => void)[] = [];
  private termination: Termination | null = null;
  /** A readiness probe decides the Ready condition (else a running container is Ready). */
  private readinessGated = false;
  private probeReady = true;
  private readonly backoff = new CrashLoopBackOff();
  private readonly life: Lifecycle<PodStop>;

  constructor(private readonly sim: Simulation, network: Network, readonly name: string, private readonly options: PodOptions) {
    // Messages reach only a running pod; a frozen one's TCP accept is modelled by clients (acceptsTcp).
    network.addHost(name, () => this.state === 'running', (t) => this.life.stateAt(t) === 'running');
    this.life = new Lifecycle(sim, name, {
      faults: options.memoryLimited === true ? { ...POD_FAULTS, oom: NO_PARAMS } : POD_FAULTS,
      handlers: { crash: () => this.crash('crash'), oom: () => this.crash('OOMKilled'), restart: () => this.restartNow() },
      restartDelay: (_cause, stop) => this.restartDelay(stop),
      startupMs: options.startupMs,
    }, this.lifecycleTarget());
  }

  get state(): PodState { return this.life.state; }

  /** Runs `hook` on SIGTERM to a running container; the process then calls `exited()` when it is done. */
  onTerm(hook: (pod: Pod) => void): void { this.termHooks.push(hook); }
  /** A pod being deleted: Services drop it at once. */
  get deleting(): boolean { return this.termination?.deleting === true; }

  /** Runs `hook` whenever the containers (re)start serving; models start their processes here. */
  onStart(hook: (pod: Pod) => void): void { this.startHooks.push(hook); }
  /** Runs `hook` whenever the containers stop (crash, kill, node loss); in-memory state goes here. */
  onStop(hook: (pod: Pod) => void): void { this.stopHooks.push(hook); }
  /** Runs `hook` when something a Service selects on changes: labels, readiness, the node. */
  onRoutingChange(hook: () => void): void { this.routingHooks.push(hook); }

  get serving(): boolean { return this.state === 'running'; }
  /** Whether it was serving at `t` (now or a moment ago). */
  servingAt(t: Micros): boolean { return this.life.stateAt(t) === 'running'; }
  /** The Ready condition while the container runs: true, or the readiness probe's verdict if it has one. */
  get ready(): boolean { return (this.state === 'running' || this.state === 'hung') && this.probeReady; }

  /** A readiness probe now decides Ready; the pod counts as Ready until its first verdict (it has been up). */
  gateReadiness(): void { this.readinessGated = true; }

  setReady(ready: boolean): void {
    if (this.probeReady === ready) return;
    this.probeReady = ready;
    this.sim.trace.typed<PodEvents>().emit(this.name, ready ? 'ready' : 'not-ready');
    for (const h of this.routingHooks) h();
  }
  /** Whether a TCP connect succeeds: the kernel accepts for a frozen process too. */
  get acceptsTcp(): boolean { return this.state === 'running' || this.state === 'hung'; }

  /** Starts a process that dies with the pod's containers. */
  spawn<R>(gen: ProcessGenerator<R>, name: string): Process<R> {
    const p = this.sim.process(gen, `${this.name}/${name}`);
    this.procs.add(p as Process<unknown>);
    p.addCallback(() => this.procs.delete(p as Process<unknown>));
    return p;
  }

  setLabel(key: string, value: string): void {
    if (this.labels.get(key) === value) return;
    this.labels.set(key, value);
    this.sim.trace.typed<PodEvents>().emit(this.name, 'label', { key, value });
    for (const h of this.routingHooks) h();
  }

  /** The containers exit at once (a crash, an OOM kill); the kubelet restarts them after the crash-loop back-off. */
  crash(reason: string): void {
    this.life.stop('crash', { reason, exit: reason, deleting: false });
  }

  /**
   * The kubelet kills the containers gracefully (liveness failure, or with
   * `deleting` a pod deletion): preStop, SIGTERM, SIGKILL at the grace period.
   */
  terminate(reason: string, deleting: boolean): void {
    if (this.termination !== null || !this.life.alive) return;
    const graceMs = Math.max(MIN_GRACE_MS, this.options.terminationGracePeriodMs ?? DEFAULT_TERMINATION_GRACE_MS);
    const t: Termination = { reason, deleting, killTimer: -1 };
    this.termination = t;
    this.sim.trace.typed<PodEvents>().emit(this.name, 'terminating', { reason, gracePeriodMs: graceMs, deleting });
    if (deleting) for (const h of this.routingHooks) h();
    t.killTimer = this.sim.schedule(ms(graceMs), () => { if (this.termination === t) this.finishTermination('SIGKILL after the grace period'); });
    this.sim.schedule(ms(Math.min(this.options.preStopMs ?? 0, graceMs)), () => { if (this.termination === t) this.sigterm(); });
  }

  /** The process finished its SIGTERM shutdown. */
  exited(): void {
    if (this.termination !== null) this.finishTermination('exited on SIGTERM');
  }

  private sigterm(): void {
    // A frozen process cannot act on the signal; the SIGKILL will end it.
    if (this.state === 'hung') return;
    if (this.state === 'running' && this.termHooks.length > 0) for (const h of this.termHooks) h(this);
    else this.finishTermination('exited on SIGTERM');
  }

  private finishTermination(how: string): void {
    const t = this.termination!;
    this.life.stop('killed', { reason: t.reason, exit: `${t.reason}: ${how}`, deleting: t.deleting });
  }

  /** The kubelet's crash-loop back-off; a deleted pod is replaced by a new one of the same name (StatefulSet) at once. */
  private restartDelay(stop: PodStop | undefined): RestartDelay {
    if (stop?.deleting === true) return this.options.replacedOnDelete === false ? null : 'now';
    return this.backoff.next(this.sim.now);
  }

  private endTermination(): void {
    if (this.termination === null) return;
    this.sim.cancel(this.termination.killTimer);
    const wasDeleting = this.termination.deleting;
    this.termination = null;
    if (wasDeleting) for (const h of this.routingHooks) h();
  }

  /** A pod created after the world began: its containers start now and serve after `startupMs`. */
  boot(): void { this.life.boot(); }

  hang(): void { this.life.hang(); }
  nodeCrash(recoverAfterMs?: number): void { this.life.nodeCrash(recoverAfterMs); }
  nodeRecover(): void { this.life.nodeRecover(); }

  /** Manual restart (kubectl delete pod): a graceful termination, then a new pod; a stopped one starts at once. */
  restartNow(): void {
    if (this.state === 'node-down') return this.nodeRecover();
    if (this.state !== 'stopped') return this.terminate('pod deleted', true);
    this.life.startNow();
  }

  /** The containers' side of the lifecycle's transitions. */
  private lifecycleTarget(): LifecycleTarget<PodStop> {
    return {
      stopping: (cause, from, stop) => this.stopContainers(stop?.reason ?? cause, from),
      stopped: (_cause, restart, stop) => {
        if (stop?.deleting === true && this.options.replacedOnDelete === false) this.removed = true;
        this.sim.trace.typed<PodEvents>().emit(this.name, 'container-exit', { reason: stop!.exit, restartInMs: restart === 'now' || restart === null ? 0 : restart / 1000 });
      },
      hanging: () => { for (const p of [...this.procs]) p.kill('hang'); },
      hung: () => this.sim.trace.typed<PodEvents>().emit(this.name, 'hang'),
      nodeLost: (recoverAfterMs) => {
        this.nodeDownSince = this.sim.now;
        this.sim.trace.typed<PodEvents>().emit(this.name, 'node-crash', { recoverAfterMs: recoverAfterMs ?? null });
        for (const h of this.routingHooks) h();
      },
      nodeBack: () => {
        this.nodeDownSince = null;
        this.sim.trace.typed<PodEvents>().emit(this.name, 'node-recover');
      },
      starting: () => {
        this.backoff.started(this.sim.now);
        // A new container is not Ready until its readiness probe first succeeds.
        if (this.readinessGated) this.probeReady = false;
        this.sim.trace.typed<PodEvents>().emit(this.name, 'container-start');
      },
      running: () => {
        this.sim.trace.typed<PodEvents>().emit(this.name, 'running');
        for (const h of this.startHooks) h(this);
        for (const h of this.routingHooks) h();
      },
    };
  }

  /** Ends a termination in progress, kills the processes, and runs the stop hooks if the containers were alive. */
  private stopContainers(reason: string, from: LifeState): void {
    this.endTermination();
    for (const p of [...this.procs]) p.kill(reason);
    this.procs.clear();
    if (isAlive(from)) for (const h of this.stopHooks) h(this);
  }
}
