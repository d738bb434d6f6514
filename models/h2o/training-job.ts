import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import { Hooks } from '../client/hooks.js';
import type { H2OCloud } from './cloud.js';
import type { Dkv } from './dkv.js';
import type { H2OJobEvents } from './h2o-events.js';
import { chunkHomeIndex } from './key-home.js';
import { h2oRpc } from './rpc.js';

/**
 * What the job does when the leader stops counting a node that holds its
 * chunks healthy. 'fail' (default): the job fails at that instant, what a
 * client checking /3/Cloud sees and what the seed's `except` expects.
 * 'hang': H2O's own behaviour: the RPCs are resent for ever and the job
 * finishes only if the node answers again [H2O-RPC]. 'partial': the seed's
 * claim ("produces corrupt model"), not H2O's: the job goes on without that
 * node's chunks and reports a model from part of the data, explicitly.
 */
export type LostNodePolicy = 'fail' | 'hang' | 'partial';
export type JobState = 'pending' | 'running' | 'completed' | 'partial' | 'failed';

export interface TrainingJobOptions {
  /** Trace source; default 'h2o-job'. */
  readonly name?: string;
  /** Data chunks of the training frame, homed round-robin like H2O's chunk keys. */
  readonly chunks: number;
  /** Passes over the data; each needs every chunk (an MRTask over the frame). */
  readonly iterations: number;
  /** Compute per chunk per iteration; a node's chunks run one after another. */
  readonly chunkComputeMs: number;
  readonly onLostNode?: LostNodePolicy;
}

/**
 * A model build on the cloud (a GBM, say): the frame's chunks live on their
 * home nodes; each iteration the leader sends a task to every node holding
 * chunks and waits for all answers (MRTask's reduce), then the model is put
 * in the DKV at its key's home. Starting it locks the cloud (the frame's
 * first DKV.put [H2O-DKV]).
 *
 * Measured: state, dataFraction (chunks the model saw / all chunks), time
 * from start to end; `hooks.ended` once per job.
 */
export class TrainingJob {
  state: JobState = 'pending';
  dataFraction = 0;
  startedAt: Micros = -1;
  endedAt: Micros = -1;
  lostNode = '';
  iteration = 0;
  readonly hooks = { ended: new Hooks<TrainingJob>() };
  readonly name: string;
  private readonly policy: LostNodePolicy;
  private readonly perNode = new Map<string, number>();
  private readonly waiting = new Set<string>();
  private usedChunks = 0;
  private driver = '';
  private unsubscribe: () => void = () => {};
  private onEnd: (job: TrainingJob) => void = () => {};
  private readonly trace: TypedTrace<H2OJobEvents>;

  constructor(private readonly sim: Simulation, private readonly cloud: H2OCloud, private readonly dkv: Dkv, private readonly options: TrainingJobOptions, readonly attempt = 1) {
    this.name = options.name ?? 'h2o-job';
    this.policy = options.onLostNode ?? 'fail';
    this.trace = sim.trace.typed<H2OJobEvents>();
    if (options.chunks < 1 || options.iterations < 1) throw new Error('h2o job: needs at least one chunk and one iteration');
  }

  /** Starts now on a formed cloud (else throws: wait with cloud.whenFormed); `onEnd` runs once when it ends. */
  start(onEnd?: (job: TrainingJob) => void): void {
    if (this.state !== 'pending') throw new Error(`h2o job ${this.name}: already started`);
    if (!this.cloud.isFormed) throw new Error(`h2o job ${this.name}: no cloud yet (wait with whenFormed)`);
    if (onEnd !== undefined) this.onEnd = onEnd;
    this.cloud.lock(`job ${this.name}`);
    const members = this.cloud.members;
    this.driver = this.cloud.leader;
    for (let c = 0; c < this.options.chunks; c++) {
      const home = members[chunkHomeIndex(c, members.length)]!;
      this.perNode.set(home, (this.perNode.get(home) ?? 0) + 1);
    }
    this.usedChunks = this.options.chunks;
    this.state = 'running';
    this.startedAt = this.sim.now;
    this.unsubscribe = this.cloud.onNodeLost((n) => this.nodeLost(n));
    this.trace.emit(this.name, 'job-started', { attempt: this.attempt, size: members.length, chunks: this.options.chunks });
    this.round();
  }

  /** Ends a running job as failed (its cloud was torn down under it). */
  abort(reason: string): void {
    if (this.state === 'running') this.fail(reason, '');
  }

  get durationMs(): number {
    return this.endedAt < 0 ? -1 : (this.endedAt - this.startedAt) / 1000;
  }

  /** One iteration: a task to every node holding chunks, in parallel. */
  private round(): void {
    const round = this.iteration;
    this.waiting.clear();
    for (const node of this.perNode.keys()) this.waiting.add(node);
    for (const [node, chunks] of this.perNode) {
      const work = ms(chunks * this.options.chunkComputeMs);
      const answered = (): void => this.answered(node, round);
      if (node === this.driver) this.sim.schedule(work, answered);
      else h2oRpc(this.sim, this.cloud, this.driver, node, () => this.sim.timeout(work, true), (r) => { if (r.ok) answered(); }, false, () => this.state === 'running' && round === this.iteration);
    }
  }

  private answered(node: string, round: number): void {
    if (this.state !== 'running' || round !== this.iteration || !this.waiting.delete(node)) return;
    if (this.waiting.size === 0) this.roundDone();
  }

  private roundDone(): void {
    this.iteration++;
    if (this.iteration < this.options.iterations) return this.round();
    this.dkv.put(this.driver, `${this.name}-model-${this.attempt}`, this.usedChunks, (r) => {
      if (this.state !== 'running') return;
      if (!r.ok) return this.fail(`model put: ${r.error}`, r.home);
      this.end(this.usedChunks === this.options.chunks ? 'completed' : 'partial');
    });
  }

  private nodeLost(node: string): void {
    if (this.state !== 'running' || !this.perNode.has(node) || this.policy === 'hang') return;
    if (this.policy === 'fail') return this.fail('node-lost', node);
    this.usedChunks -= this.perNode.get(node)!;
    this.perNode.delete(node);
    this.lostNode = this.lostNode === '' ? node : `${this.lostNode}+${node}`;
    if (this.perNode.size === 0) return this.fail('no data left', node);
    if (this.waiting.delete(node) && this.waiting.size === 0) this.roundDone();
  }

  private fail(reason: string, node: string): void {
    this.lostNode = node;
    this.state = 'failed';
    this.finish();
    this.trace.emit(this.name, 'job-failed', { attempt: this.attempt, ms: this.durationMs, reason, node });
    this.close();
  }

  private end(state: 'completed' | 'partial'): void {
    this.state = state;
    this.dataFraction = this.usedChunks / this.options.chunks;
    this.finish();
    const common = { attempt: this.attempt, ms: this.durationMs, dataFraction: this.dataFraction };
    if (state === 'completed') this.trace.emit(this.name, 'job-completed', common);
    else this.trace.emit(this.name, 'job-partial', { ...common, lost: this.lostNode });
    this.close();
  }

  private finish(): void {
    this.endedAt = this.sim.now;
    this.unsubscribe();
  }

  private close(): void {
    this.hooks.ended.call(this, undefined);
    this.onEnd(this);
  }
}
