import type { Fault, FaultHandler, FaultParams } from '../../src/kernel/faults.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import { StateHistory } from '../../src/kernel/state-history.js';
import type { RestartDelay, StopCause } from './restart-policy.js';

export type { RestartDelay, StopCause } from './restart-policy.js';

/**
 * running: serving. hung: the processes are frozen (alive to the kernel,
 * answering nothing). stopped: the processes exited; a supervisor may start
 * them again. node-down: the machine is gone, and its supervisor with it:
 * nothing restarts until the node returns. starting: started, not serving yet.
 */
export type LifeState = 'starting' | 'running' | 'hung' | 'stopped' | 'node-down';

/** The fault kinds a lifecycle can register, each with its default handler (see Lifecycle). */
export type LifecycleFault = 'crash' | 'oom' | 'hang' | 'node-crash' | 'node-recover' | 'restart';

/**
 * The component's side of each transition. The lifecycle owns the state and
 * the restart timer; the component owns its memory, its processes and its
 * trace records, and is called at fixed points so that its records and
 * effects keep their order.
 */
export interface LifecycleTarget<D> {
  /** The state is still `from`: end what runs (processes, in-flight work) before the state changes. */
  stopping?(cause: StopCause, from: LifeState, detail: D | undefined): void;
  /** The state is now stopped: drop in-memory state and record the stop with the restart to come. */
  stopped(cause: StopCause, restart: RestartDelay, detail: D | undefined): void;
  /** The state is now starting (only with a startup delay). */
  starting?(): void;
  /** The state is now running; `bounced`: this start is the second half of a restart of a running one. */
  running(bounced: boolean): void;
  /** The state is still running: freeze the processes. */
  hanging?(): void;
  /** The state is now hung. */
  hung?(): void;
  /** The state is now node-down; the node returns after `recoverAfterMs` if given. */
  nodeLost?(recoverAfterMs: number | undefined): void;
  /** The state is still node-down; a start follows. */
  nodeBack?(): void;
}

export interface LifecycleOptions<D> {
  /** Fault kinds to register on the component's name, in this order, with their params schemas. */
  readonly faults: Readonly<Partial<Record<LifecycleFault, FaultParams>>>;
  /** Replaces the default handler of a kind (a pod's restart is a deletion, its crash carries a reason). */
  readonly handlers?: Readonly<Partial<Record<LifecycleFault, FaultHandler>>>;
  /** After each stop (not a node loss), exactly once: when the component starts again. */
  restartDelay(cause: StopCause, detail: D | undefined): RestartDelay;
  /** Start to serving, in ms; undefined: serving at once, with no starting state and no timer. */
  readonly startupMs?: number | undefined;
}

/** Whether a component in `state` has live processes (running, hung or starting). */
export function isAlive(state: LifeState): boolean {
  return state === 'running' || state === 'hung' || state === 'starting';
}

/**
 * One crash/restart state machine for everything that can crash, hang, be
 * OOM-killed, restart or lose its node: a Kubernetes pod (the kubelet
 * restarts it) and a bare process (its supervisor does). One timer at a time:
 * the pending restart or the startup; every stop, node loss and start cancels
 * it, so a stale timer never starts a process that was stopped again since.
 * `D` is what the component passes with a stop (a fault's params, a reason).
 */
export class Lifecycle<D = undefined> {
  private current: LifeState = 'running';
  /** Every change of state, so others can ask what it was a moment ago (see stateAt). */
  private readonly history = new StateHistory<LifeState>('running');
  private timer = -1;

  constructor(private readonly sim: Simulation, readonly name: string, private readonly o: LifecycleOptions<D>, private readonly target: LifecycleTarget<D>) {
    for (const [kind, params] of Object.entries(o.faults) as [LifecycleFault, FaultParams][]) {
      sim.faults.on(name, kind, o.handlers?.[kind] ?? this.defaultHandler(kind), params);
    }
  }

  get state(): LifeState { return this.current; }
  /** The state at `t` (now or earlier). */
  stateAt(t: Micros): LifeState { return this.history.at(t); }
  /** Serving. */
  get up(): boolean { return this.current === 'running'; }
  /** Has live processes (running, hung or starting). */
  get alive(): boolean { return isAlive(this.current); }

  /** The processes exit; a stopped or node-down component stays as it is, and nothing is scheduled. */
  stop(cause: StopCause, detail?: D): void {
    if (this.current === 'stopped' || this.current === 'node-down') return;
    this.sim.cancel(this.timer);
    this.target.stopping?.(cause, this.current, detail);
    this.enter('stopped');
    const delay = this.o.restartDelay(cause, detail);
    this.target.stopped(cause, delay, detail);
    if (delay === 'now') this.start(false);
    else if (delay !== null) this.timer = this.sim.schedule(delay, () => this.startNow());
  }

  /** Frozen processes: only a running component hangs. */
  hang(): void {
    if (this.current !== 'running') return;
    this.target.hanging?.();
    this.enter('hung');
    this.target.hung?.();
  }

  /** The machine is gone (a stopped component can lose it too); it returns after `recoverAfterMs` if given. */
  nodeCrash(recoverAfterMs?: number): void {
    if (this.current === 'node-down') return;
    this.sim.cancel(this.timer);
    this.target.stopping?.('node-crash', this.current, undefined);
    this.enter('node-down');
    this.target.nodeLost?.(recoverAfterMs);
    // Not tracked: a later node-recover makes it a no-op through the state guard.
    if (recoverAfterMs !== undefined) this.sim.schedule(ms(recoverAfterMs), () => this.nodeRecover());
  }

  nodeRecover(): void {
    if (this.current !== 'node-down') return;
    this.target.nodeBack?.();
    this.start(false);
  }

  /** Restarts: a live component is bounced (stopped, then started); a stopped one starts now. */
  restart(): void {
    const bounced = this.alive;
    if (bounced) this.stop('bounce');
    this.sim.cancel(this.timer);
    this.start(bounced);
  }

  /**
   * A component created now rather than with the world (a new pod of a
   * Deployment): it goes through its start-up instead of serving at once.
   */
  boot(): void {
    this.sim.cancel(this.timer);
    this.start(false);
  }

  /** Starts a stopped component now, dropping its pending restart. */
  startNow(): void {
    this.sim.cancel(this.timer);
    this.start(false);
  }

  private start(bounced: boolean): void {
    if (this.o.startupMs === undefined) return this.serve(bounced);
    this.enter('starting');
    this.target.starting?.();
    this.timer = this.sim.schedule(ms(this.o.startupMs), () => this.serve(bounced));
  }

  private serve(bounced: boolean): void {
    this.enter('running');
    this.target.running(bounced);
  }

  private enter(state: LifeState): void {
    this.current = state;
    this.history.set(this.sim.now, state);
  }

  private defaultHandler(kind: LifecycleFault): FaultHandler {
    switch (kind) {
      case 'crash': case 'oom': return (f: Fault) => this.stop(kind, f.params as D);
      case 'hang': return () => this.hang();
      case 'node-crash': return (f: Fault) => this.nodeCrash(f.params?.['recoverAfterMs'] as number | undefined);
      case 'node-recover': return () => this.nodeRecover();
      case 'restart': return () => this.restart();
    }
  }
}
