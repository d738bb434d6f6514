import type { Process, ProcessGenerator } from '../../src/kernel/process.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { Network } from '../net/network.js';
import { CrashLoopBackOff } from './crash-loop-backoff.js';

/**
 * A pod on its own node: containers that start, crash, hang and restart.
 *
 * States: running; hung (processes frozen: the kernel still accepts TCP, the
 * application answers nothing); stopped (containers exited, the kubelet will
 * restart them after the crash-loop back-off); node-down (the machine is gone:
 * no kubelet, nothing restarts until the node returns); starting.
 *
 * Faults (target = pod name): crash (containers exit, kubelet restarts them),
 * hang, node-crash {recoverAfterMs?}, node-recover, restart.
 */
export type PodState = 'starting' | 'running' | 'hung' | 'stopped' | 'node-down';

export interface PodOptions {
  /** Time from container start to serving (process start, crash recovery). */
  readonly startupMs: number;
}

export class Pod {
  state: PodState = 'running';
  readonly labels = new Map<string, string>();
  /** When the node last stopped reporting (node-down), for the node controller. */
  nodeDownSince: Micros | null = null;
  private readonly procs = new Set<Process<unknown>>();
  private readonly startHooks: ((pod: Pod) => void)[] = [];
  private readonly stopHooks: ((pod: Pod) => void)[] = [];
  private readonly routingHooks: (() => void)[] = [];
  /** A readiness probe decides the Ready condition (else a running container is Ready). */
  private readinessGated = false;
  private probeReady = true;
  private readonly backoff = new CrashLoopBackOff();
  private restartTimer = -1;

  constructor(private readonly sim: Simulation, network: Network, readonly name: string, private readonly options: PodOptions) {
    // Messages reach only a running pod; a frozen one's TCP accept is modelled by clients (acceptsTcp).
    network.addHost(name, () => this.state === 'running');
    sim.faults.on(name, 'crash', () => this.crash('crash'));
    sim.faults.on(name, 'hang', () => this.hang());
    sim.faults.on(name, 'node-crash', (f) => this.nodeCrash(f.params?.['recoverAfterMs'] as number | undefined));
    sim.faults.on(name, 'node-recover', () => this.nodeRecover());
    sim.faults.on(name, 'restart', () => this.restartNow());
  }

  /** Runs `hook` whenever the containers (re)start serving; models start their processes here. */
  onStart(hook: (pod: Pod) => void): void { this.startHooks.push(hook); }
  /** Runs `hook` whenever the containers stop (crash, kill, node loss); in-memory state goes here. */
  onStop(hook: (pod: Pod) => void): void { this.stopHooks.push(hook); }
  /** Runs `hook` when something a Service selects on changes: labels, readiness, the node. */
  onRoutingChange(hook: () => void): void { this.routingHooks.push(hook); }

  get serving(): boolean { return this.state === 'running'; }
  /** The Ready condition while the container runs: true, or the readiness probe's verdict if it has one. */
  get ready(): boolean { return (this.state === 'running' || this.state === 'hung') && this.probeReady; }

  /** A readiness probe now decides Ready; the pod counts as Ready until its first verdict (it has been up). */
  gateReadiness(): void { this.readinessGated = true; }

  setReady(ready: boolean): void {
    if (this.probeReady === ready) return;
    this.probeReady = ready;
    this.sim.trace.emit(this.name, ready ? 'ready' : 'not-ready');
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
    this.sim.trace.emit(this.name, 'label', { key, value });
    for (const h of this.routingHooks) h();
  }

  /** The containers exit; the kubelet restarts them after the crash-loop back-off. */
  crash(reason: string): void {
    if (this.state === 'node-down' || this.state === 'stopped') return;
    this.stopContainers(reason);
    this.state = 'stopped';
    const delay = this.backoff.next(this.sim.now);
    this.sim.trace.emit(this.name, 'container-exit', { reason, restartInMs: delay / 1000 });
    this.restartTimer = this.sim.schedule(delay, () => this.startContainers());
  }

  hang(): void {
    if (this.state !== 'running') return;
    for (const p of [...this.procs]) p.kill('hang');
    this.state = 'hung';
    this.sim.trace.emit(this.name, 'hang');
  }

  nodeCrash(recoverAfterMs?: number): void {
    if (this.state === 'node-down') return;
    this.sim.cancel(this.restartTimer);
    this.stopContainers('node-crash');
    this.state = 'node-down';
    this.nodeDownSince = this.sim.now;
    this.sim.trace.emit(this.name, 'node-crash', { recoverAfterMs: recoverAfterMs ?? null });
    for (const h of this.routingHooks) h();
    if (recoverAfterMs !== undefined) this.sim.schedule(ms(recoverAfterMs), () => this.nodeRecover());
  }

  nodeRecover(): void {
    if (this.state !== 'node-down') return;
    this.nodeDownSince = null;
    this.sim.trace.emit(this.name, 'node-recover');
    this.startContainers();
  }

  /** Manual restart (kubectl delete pod, or an operator). */
  restartNow(): void {
    if (this.state === 'node-down') return this.nodeRecover();
    if (this.state !== 'stopped') this.stopContainers('restart');
    this.sim.cancel(this.restartTimer);
    this.startContainers();
  }

  private stopContainers(reason: string): void {
    for (const p of [...this.procs]) p.kill(reason);
    this.procs.clear();
    if (this.state === 'running' || this.state === 'hung' || this.state === 'starting') for (const h of this.stopHooks) h(this);
  }

  private startContainers(): void {
    this.state = 'starting';
    // A new container is not Ready until its readiness probe first succeeds.
    if (this.readinessGated) this.probeReady = false;
    this.sim.trace.emit(this.name, 'container-start');
    this.restartTimer = this.sim.schedule(ms(this.options.startupMs), () => {
      this.state = 'running';
      this.backoff.started(this.sim.now);
      this.sim.trace.emit(this.name, 'running');
      for (const h of this.startHooks) h(this);
      for (const h of this.routingHooks) h();
    });
  }
}
