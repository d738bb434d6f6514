import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, toMs, type Micros } from '../../src/kernel/time.js';
import { Hooks } from '../client/hooks.js';
import { CRASH_PARAMS, NO_PARAMS, type CrashParams } from '../lifecycle/fault-params.js';
import { Lifecycle, type StopCause } from '../lifecycle/lifecycle.js';
import { restartOnRequest, type RestartDelay } from '../lifecycle/restart-policy.js';
import { ByteLru } from '../lru/byte-lru.js';
import type { DirLock } from '../file-lock/dir-lock.js';
import type { HdfsSource } from './hdfs-source.js';
import type { PersistentCache } from './persistent-cache.js';
import type { ReaderAnswer, ReaderAnswerKind, ReaderErrorReason } from './reader-answer.js';
import type { ReaderEvents } from './reader-events.js';
import { DEFAULT_READER, checkReaderOptions, type ReaderOptions } from './reader-options.js';
import { ReaderStartup } from './reader-startup.js';

/** What the reader is built on: its HDFS client, and the shared cache directory with its lock. */
export interface ReaderParts {
  readonly source: HdfsSource;
  /** Required with `persistent`; two readers given the same one share the directory. */
  readonly cache?: PersistentCache | undefined;
  /** The cache directory's lock (Flock as the seed, or LockFile); unused with lockMode 'none'. */
  readonly lock?: DirLock | undefined;
}

export type ReaderPhase = 'down' | 'locking' | 'loading' | 'scanning' | 'ready';

interface Pending {
  readonly path: string;
  readonly answer: (a: ReaderAnswer) => void;
  readonly startedAt: Micros;
  timer: number;
}

/**
 * Seed 003's event-log reader as one process (see ReaderOptions): start-up
 * (lock, load, scan), a byte-bounded memory cache, HDFS reads on a miss with
 * the offline fallback, and the memory limit. Its lifecycle takes `crash`
 * and `restart` faults; the memory limit adds OOM kills, restarted after
 * `oomRestartMs`. Each start is a new lock owner (`name#n`).
 */
export class ReaderService {
  readonly options: ReaderOptions;
  readonly life: Lifecycle<CrashParams>;
  readonly lru: ByteLru;
  readonly answered = new Hooks<ReaderAnswer>();
  readonly counts: Record<ReaderAnswerKind, number> = { hit: 0, miss: 0, stale: 0, error: 0 };
  readonly errors: Partial<Record<ReaderErrorReason, number>> = {};
  phase: ReaderPhase = 'down';
  oomKills = 0;
  stuckInserts = 0;
  peakMemoryBytes = 0;
  /** Start-up durations, in order (start of the process to ready). */
  readonly startups: Micros[] = [];
  private incarnation = 0;
  private startedAt: Micros = 0;
  private startup: ReaderStartup | null = null;
  private readonly pending = new Set<Pending>();
  private hdfsDown = false;
  private dropped = 0;

  constructor(private readonly sim: Simulation, readonly name: string, private readonly parts: ReaderParts, options: Partial<ReaderOptions> = {}) {
    this.options = { ...DEFAULT_READER, ...options };
    checkReaderOptions(name, this.options);
    if (this.options.persistent && parts.cache === undefined) throw new Error(`reader ${name}: persistent needs a cache`);
    if (this.options.persistent && this.options.lockMode !== 'none' && parts.lock === undefined) throw new Error(`reader ${name}: lockMode ${this.options.lockMode} needs a lock`);
    this.lru = new ByteLru(this.options.lru);
    this.life = new Lifecycle<CrashParams>(sim, name, {
      faults: { crash: CRASH_PARAMS, restart: NO_PARAMS },
      restartDelay: (cause, detail) => this.restartDelay(cause, detail),
    }, {
      stopping: (cause) => this.exit(cause),
      stopped: (cause) => this.events.emit(name, 'stopped', { cause, dropped: this.dropped }),
      running: () => this.boot(),
    });
    sim.schedule(0, () => { if (this.life.up && this.phase === 'down') this.boot(); });
  }

  private get events() {
    return this.sim.trace.typed<ReaderEvents>();
  }

  /** This incarnation's name as a lock owner. */
  get owner(): string {
    return `${this.name}#${this.incarnation}`;
  }

  /** The process's memory: base plus what its cache really holds; nothing while down. */
  get memoryBytes(): number {
    return this.life.alive ? this.options.baseMemoryBytes + this.lru.realBytes : 0;
  }

  /** Queries waiting for an answer (a stuck insert leaves its query here until the process stops). */
  get inFlight(): number {
    return this.pending.size;
  }

  /** A query for `path` arrives now; `answer` is called once, now or later. */
  query(path: string, answer: (a: ReaderAnswer) => void): void {
    const p: Pending = { path, answer, startedAt: this.sim.now, timer: -1 };
    if (this.phase !== 'ready') return this.reply(p, 'error', this.life.alive ? 'not-ready' : 'down');
    this.pending.add(p);
    if (this.lru.get(path)) {
      p.timer = this.sim.schedule(ms(this.options.hitLatencyMs), () => this.finish(p, 'hit'));
      return;
    }
    this.parts.source.read(path, (r) => {
      if (!this.pending.has(p)) return;
      if (r.ok) return this.fetched(p, r.bytes);
      this.hdfsFailed(r.error);
      this.fallback(p);
    });
  }

  private fetched(p: Pending, bytes: number): void {
    if (this.hdfsDown) { this.hdfsDown = false; this.events.emit(this.name, 'hdfs-reachable'); }
    if (!this.remember(p.path)) return;
    if (this.options.persistent) this.parts.cache!.put(p.path, bytes);
    this.finish(p, 'miss');
  }

  private hdfsFailed(error: string): void {
    if (this.hdfsDown) return;
    this.hdfsDown = true;
    this.events.emit(this.name, 'hdfs-unreachable', { error });
  }

  /** HDFS failed: the seed's fallback reads the disk cache (checksum checked), else the query fails. */
  private fallback(p: Pending): void {
    const cache = this.parts.cache;
    if (!this.options.offlineFallback || cache === undefined || !this.options.persistent) return this.finish(p, 'error', 'hdfs');
    const read = cache.read(p.path);
    if (read === 'absent') return this.finish(p, 'error', 'no-cache');
    if (read === 'corrupt') { cache.remove(p.path); return this.finish(p, 'error', 'corrupt'); }
    p.timer = this.sim.schedule(ms(this.options.diskReadMs), () => this.finish(p, 'stale'));
  }

  /**
   * Puts a file in the memory cache; false when the insert never returns (the
   * seed's eviction loop) or the memory it took got the process OOM-killed.
   */
  private remember(path: string): boolean {
    const r = this.lru.put(path, this.options.memoryBytesPerFile);
    if (r.kind === 'stuck') {
      this.stuckInserts++;
      this.events.emit(this.name, 'insert-stuck', { path, trackedBytes: this.lru.trackedBytes, maxBytes: this.lru.options.maxBytes });
      return false;
    }
    const memory = this.memoryBytes, limit = this.options.memoryLimitBytes;
    if (memory > this.peakMemoryBytes) this.peakMemoryBytes = memory;
    if (limit > 0 && memory > limit) {
      this.oomKills++;
      this.events.emit(this.name, 'oom-kill', { memoryBytes: memory, limitBytes: limit, cachedFiles: this.lru.size });
      this.life.stop('oom');
      return false;
    }
    return true;
  }

  private finish(p: Pending, kind: ReaderAnswerKind, reason?: ReaderErrorReason): void {
    this.pending.delete(p);
    this.reply(p, kind, reason);
  }

  private reply(p: Pending, kind: ReaderAnswerKind, reason?: ReaderErrorReason): void {
    this.counts[kind]++;
    if (reason !== undefined) this.errors[reason] = (this.errors[reason] ?? 0) + 1;
    const a: ReaderAnswer = { kind, path: p.path, latencyUs: this.sim.now - p.startedAt, reason };
    this.answered.call(a, undefined);
    p.answer(a);
  }

  /** A start: take the directory lock (per lockMode), then load or scan. */
  private boot(): void {
    this.incarnation++;
    this.startedAt = this.sim.now;
    this.events.emit(this.name, 'started', { owner: this.owner });
    const lock = this.parts.lock;
    if (!this.options.persistent || this.options.lockMode === 'none' || lock === undefined) return this.runStartup();
    this.phase = 'locking';
    if (this.options.lockMode === 'try') {
      if (lock.tryLockExclusive(this.owner)) return this.runStartup();
      this.events.emit(this.name, 'lock-busy', { holder: lock.holder });
      return this.life.stop('crash', { restartAfterMs: this.options.lockFailRestartMs });
    }
    if (lock.holder !== null && lock.holder !== this.owner) this.events.emit(this.name, 'lock-waiting', { holder: lock.holder });
    const owner = this.owner;
    lock.lockExclusive(owner, () => {
      if (owner !== this.owner || !this.life.alive) return;
      this.events.emit(this.name, 'lock-acquired', { waitedMs: toMs(this.sim.now - this.startedAt) });
      this.runStartup();
    });
  }

  private runStartup(): void {
    const cache = this.options.persistent ? this.parts.cache! : null;
    this.startup = new ReaderStartup(this.sim, this.name, this.options, this.parts.source, cache, {
      remember: (path) => this.remember(path),
      phase: (p) => { this.phase = p; },
      ready: () => this.ready(),
    });
    this.startup.start();
  }

  private ready(): void {
    this.phase = 'ready';
    const took = this.sim.now - this.startedAt;
    this.startups.push(took);
    this.events.emit(this.name, 'ready', { startupMs: toMs(took) });
  }

  /**
   * The process exits: its start-up ends, its queries are reset, its memory
   * is gone. A restart's stop is a clean shutdown that unlocks; a crash or a
   * kill leaves the unlocking to the kernel (flock) or to no one (a lock file).
   */
  private exit(cause: StopCause): void {
    this.startup?.cancel();
    this.startup = null;
    const lock = this.parts.lock;
    if (lock !== undefined) {
      if (cause === 'bounce') lock.unlock(this.owner);
      lock.processExited(this.owner);
    }
    const dropped = [...this.pending];
    this.pending.clear();
    this.dropped = dropped.length;
    this.lru.clear();
    this.phase = 'down';
    for (const p of dropped) { this.sim.cancel(p.timer); this.reply(p, 'error', 'reset'); }
  }

  private restartDelay(cause: StopCause, detail: CrashParams | undefined): RestartDelay {
    if (cause === 'oom') return ms(this.options.oomRestartMs);
    return restartOnRequest(cause, detail);
  }
}
