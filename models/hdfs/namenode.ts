import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, toMs } from '../../src/kernel/time.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import { Lifecycle } from '../lifecycle/lifecycle.js';
import { restartOnRequest } from '../lifecycle/restart-policy.js';
import type { HdfsEvents } from './hdfs-events.js';
import { DEFAULT_NAMENODE, type NameNodeOptions } from './hdfs-options.js';
import type { JournalQuorum } from './journal-quorum.js';
import { HANG_PARAMS, HEAL_PARAMS, NAMENODE_FAULTS, PARTITION_PARAMS } from './namenode-faults.js';
import { reach, type NameNodeView, type Reach } from './reachability.js';

/**
 * A NameNode process on its own host, HA with the Quorum Journal Manager
 * [HDFS-HA-DOC]. It starts (and restarts) as standby; a standby applies the
 * JournalNodes' edits every dfs.ha.tail-edits.period; becoming active takes
 * a new epoch from a majority of JournalNodes (which fences the previous
 * writer) and applies the edits it had not read yet. The active writes edit
 * batches; when the JournalNodes reject one (a successor holds a newer
 * epoch, or no majority answers) it aborts, as a NameNode does when a
 * required journal fails. Lifecycle runs the process and the host.
 */
export class NameNode implements NameNodeView {
  readonly process: Lifecycle<{ readonly restartAfterMs?: number } | undefined>;
  haState: 'active' | 'standby' = 'standby';
  epoch = 0;
  appliedTxId = 0;
  paused = false;
  isolated = false;
  private pauseEnd = 0;
  /** Called after every change of host, partition or process (the ZKFC and ZooKeeper listen). */
  readonly changed: (() => void)[] = [];
  private readonly o: NameNodeOptions;
  private readonly trace: TypedTrace<HdfsEvents>;
  /** Changes whenever the process stops or the role changes: pending work of an older generation is dropped. */
  private generation = 0;

  constructor(private readonly sim: Simulation, readonly name: string, readonly host: string, private readonly journals: JournalQuorum, options: Partial<NameNodeOptions> = {}) {
    this.o = { ...DEFAULT_NAMENODE, ...options };
    this.trace = sim.trace.typed<HdfsEvents>();
    this.process = new Lifecycle<{ readonly restartAfterMs?: number } | undefined>(sim, name, { faults: NAMENODE_FAULTS, restartDelay: restartOnRequest }, {
      stopped: (cause) => this.onStopped(cause),
      running: () => this.onStarted(),
      nodeLost: () => { this.onStopped('node-crash'); this.trace.emit(name, 'host-down'); this.notify(); },
      nodeBack: () => this.trace.emit(name, 'host-up'),
    });
    sim.faults.on(name, 'hang', (f) => this.pause(f.params?.['durationMs'] as number), HANG_PARAMS);
    sim.faults.on(name, 'partition', (f) => this.partition(f.params?.['durationMs'] as number | undefined), PARTITION_PARAMS);
    sim.faults.on(name, 'heal', () => this.heal(), HEAL_PARAMS);
    this.scheduleTail();
  }

  get hostUp(): boolean { return this.process.state !== 'node-down'; }
  get processUp(): boolean { return this.process.state === 'running' || this.process.state === 'hung'; }
  /** When a pause ends (µs), if paused. */
  get pausedUntil(): number { return this.pauseEnd; }

  /** What a caller on `fromHost` meets now. */
  reachFrom(fromHost: string): Reach { return reach(this, fromHost === this.host); }

  /** Stop-the-world pause: the process answers nothing and writes nothing for `durationMs`. */
  pause(durationMs: number): void {
    if (!this.processUp) return;
    this.paused = true;
    this.pauseEnd = Math.max(this.pauseEnd, this.sim.now + ms(durationMs));
    this.trace.emit(this.name, 'paused', { durationMs });
    const gen = this.generation;
    this.sim.at(this.pauseEnd, () => { if (gen === this.generation && this.sim.now >= this.pauseEnd) this.resume(); });
    this.notify();
  }

  partition(durationMs?: number): void {
    this.isolated = true;
    this.trace.emit(this.name, 'partitioned');
    if (durationMs !== undefined) this.sim.schedule(ms(durationMs), () => this.heal());
    this.notify();
  }

  heal(): void {
    if (!this.isolated) return;
    this.isolated = false;
    this.trace.emit(this.name, 'healed');
    this.notify();
  }

  /** transitionToStandby (graceful fence or the ZKFC's becomeStandby). */
  toStandby(): void {
    if (this.haState === 'standby') return;
    this.setState('standby', 0);
  }

  /**
   * transitionToActive: a new epoch on the JournalNodes, then the edits not
   * applied yet; `done(true)` once active, `done(false)` if it cannot be.
   */
  toActive(done: (ok: boolean) => void): void {
    if (!this.processUp || this.paused || this.isolated) return done(false);
    if (this.haState === 'active') return done(true);
    const epoch = this.journals.newEpoch();
    if (epoch === null) return done(false);
    const edits = this.journals.committedTxId - this.appliedTxId;
    const catchUpUs = edits * this.o.applyUsPerEdit;
    const gen = ++this.generation;
    this.sim.schedule(catchUpUs, () => {
      if (gen !== this.generation) return done(false);
      this.appliedTxId = this.journals.committedTxId;
      this.trace.emit(this.name, 'caught-up', { edits, ms: toMs(catchUpUs) });
      this.setState('active', epoch);
      done(true);
    });
  }

  private setState(state: 'active' | 'standby', epoch: number): void {
    this.generation++;
    this.haState = state;
    this.epoch = epoch;
    this.trace.emit(this.name, 'ha-state', { state, epoch });
    if (state === 'active') this.scheduleWrite();
  }

  private scheduleWrite(): void {
    const gen = this.generation;
    this.sim.schedule(ms(this.o.editBatchMs), () => { if (gen === this.generation) this.writeBatch(); });
  }

  /**
   * One batch of edits. A frozen process writes nothing; the batch it was
   * writing goes out the moment it resumes (before anyone can tell it that
   * it was deposed). An isolated one reaches no JournalNode.
   */
  private writeBatch(): void {
    if (this.paused) {
      const gen = this.generation;
      return void this.sim.at(this.pauseEnd, () => { if (gen === this.generation) this.writeBatch(); });
    }
    const next = Math.max(this.appliedTxId, this.journals.committedTxId) + this.o.editsPerBatch;
    if (this.isolated || !this.journals.write(this.epoch, next)) {
      this.trace.emit(this.name, 'edits-rejected', { epoch: this.epoch, committedTxId: this.journals.committedTxId });
      return this.process.stop('crash');
    }
    this.appliedTxId = next;
    this.scheduleWrite();
  }

  private scheduleTail(): void {
    this.sim.schedule(ms(this.o.tailEditsPeriodMs), () => { this.tail(); this.scheduleTail(); });
  }

  /** EditLogTailer: a live, reachable standby reads what the JournalNodes committed. */
  private tail(): void {
    if (this.haState === 'standby' && this.processUp && !this.paused && !this.isolated) this.appliedTxId = this.journals.committedTxId;
  }

  private resume(): void {
    this.paused = false;
    this.trace.emit(this.name, 'resumed');
    this.notify();
  }

  private onStopped(cause: string): void {
    this.generation++;
    this.paused = false;
    if (this.haState === 'active') { this.haState = 'standby'; this.epoch = 0; }
    if (cause !== 'node-crash') { this.trace.emit(this.name, 'process-stopped', { cause }); this.notify(); }
  }

  /** A (re)started NameNode loads its image and edits and comes up as standby. */
  private onStarted(): void {
    this.appliedTxId = this.journals.committedTxId;
    this.trace.emit(this.name, 'process-started');
    this.notify();
  }

  private notify(): void { for (const fn of this.changed) fn(); }
}
