import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, toMs } from '../../src/kernel/time.js';
import { NO_PARAMS } from '../lifecycle/fault-params.js';
import type { DirLock } from './dir-lock.js';
import { lockFileVerdict, type LockFileState } from './lock-file-rule.js';
import type { LockFileEvents } from './lock-events.js';

/**
 * The lock-file variant, a switch beside the seed's flock: seed 003's lock
 * is an fs2 flock [FS2-RS], released by the kernel when its holder dies, so the
 * seed's own code never leaves a stale lock. This is the other common design
 * (a PID file whose existence is the lock): a crashed holder leaves it
 * behind and the next process is blocked until the file is older than
 * `staleAfterMs` or someone removes it. ASSUMPTION: the defaults below are
 * not from the seed (it has no lock file of this kind).
 */
export interface LockFileOptions {
  /** A file untouched this long is taken as abandoned; Infinity (default): only a manual removal frees it. */
  readonly staleAfterMs: number;
  /** A blocked `lockExclusive` looks again this often (no kernel wakes it). */
  readonly pollMs: number;
  /** The holder rewrites the file this often so it never looks stale while alive; 0: never (a long-lived holder's lock then goes stale too). */
  readonly refreshMs: number;
}

export const DEFAULT_LOCK_FILE: LockFileOptions = { staleAfterMs: Infinity, pollMs: 1000, refreshMs: 0 };

interface Waiter {
  readonly owner: string;
  readonly granted: () => void;
  timer: number;
}

/** A lock file in a shared directory (see LockFileOptions); fault `remove-lock-file` deletes it by hand. */
export class LockFile implements DirLock {
  readonly options: LockFileOptions;
  private file: LockFileState | null = null;
  private readonly waiters = new Map<string, Waiter>();
  private refreshTimer = -1;
  staleBreaks = 0;

  constructor(private readonly sim: Simulation, readonly name: string, options: Partial<LockFileOptions> = {}) {
    this.options = { ...DEFAULT_LOCK_FILE, ...options };
    if (!(this.options.pollMs > 0)) throw new Error(`lock file ${name}: pollMs must be > 0`);
    sim.faults.on(name, 'remove-lock-file', () => this.removeByHand(), NO_PARAMS);
  }

  /** The owner written in the file, null when there is none (the file, not a live process, is the lock). */
  get holder(): string | null {
    return this.file?.owner ?? null;
  }

  lockExclusive(owner: string, granted: () => void): void {
    if (this.tryLockExclusive(owner)) return granted();
    const waiter: Waiter = { owner, granted, timer: -1 };
    this.waiters.set(owner, waiter);
    waiter.timer = this.sim.schedule(ms(this.options.pollMs), () => this.poll(waiter));
  }

  tryLockExclusive(owner: string): boolean {
    const verdict = lockFileVerdict(this.file, owner, this.sim.now, ms(this.options.staleAfterMs));
    if (verdict === 'busy') return false;
    if (verdict === 'break-stale') {
      this.staleBreaks++;
      this.sim.trace.typed<LockFileEvents>().emit(this.name, 'stale-lock-broken', { previousOwner: this.file!.owner, ageMs: toMs(this.sim.now - this.file!.touchedAt), newOwner: owner });
    }
    this.file = { owner, touchedAt: this.sim.now };
    this.startRefresh();
    return true;
  }

  /** A clean exit removes the file. */
  unlock(owner: string): void {
    if (this.file?.owner !== owner) return;
    this.file = null;
    this.sim.cancel(this.refreshTimer);
  }

  /** The process is gone: its polling stops; the file it holds stays (nothing removes it). */
  processExited(owner: string): void {
    const w = this.waiters.get(owner);
    if (w !== undefined) { this.sim.cancel(w.timer); this.waiters.delete(owner); }
    if (this.file?.owner === owner) this.sim.cancel(this.refreshTimer);
  }

  removeByHand(): void {
    this.sim.trace.typed<LockFileEvents>().emit(this.name, 'lock-file-removed', { previousOwner: this.holder });
    this.file = null;
    this.sim.cancel(this.refreshTimer);
  }

  private poll(waiter: Waiter): void {
    if (!this.tryLockExclusive(waiter.owner)) {
      waiter.timer = this.sim.schedule(ms(this.options.pollMs), () => this.poll(waiter));
      return;
    }
    this.waiters.delete(waiter.owner);
    waiter.granted();
  }

  private startRefresh(): void {
    this.sim.cancel(this.refreshTimer);
    if (this.options.refreshMs <= 0) return;
    this.refreshTimer = this.sim.schedule(ms(this.options.refreshMs), () => {
      if (this.file === null) return;
      this.file = { owner: this.file.owner, touchedAt: this.sim.now };
      this.startRefresh();
    });
  }
}
