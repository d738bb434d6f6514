import type { Fault } from '../../src/kernel/faults.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { sec, US_PER_S, type Micros } from '../../src/kernel/time.js';
import type { z } from 'zod';
import { Lifecycle, type StopCause } from '../lifecycle/lifecycle.js';
import { restartOnRequest } from '../lifecycle/restart-policy.js';
import type { Network } from '../net/network.js';
import { activeExpireCycle, skipCursor, type ExpireCursor } from './active-expiry.js';
import { CONNECTION_REFUSED, deniedOnOom, OOM_ERROR, replyError, type RedisCommand, type RedisReply } from './commands.js';
import { Evictor } from './eviction.js';
import { Keyspace } from './keyspace.js';
import { entryBytes } from './memory.js';
import { checkOptions, DEFAULT_HZ, DEFAULT_MAXMEMORY_SAMPLES, type RedisOptions } from './options.js';
import { createPersistence, type Persistence } from './persistence.js';
import { REDIS_FAULTS } from './redis-faults.js';
import { runCommand } from './string-commands.js';
import { ThrottledCount } from './throttled-count.js';
import type { RedisEvents } from './redis-events.js';

export type { RedisOptions, MaxmemoryPolicy, PersistenceMode } from './options.js';

/** What a crash takes with it (the crash fault's params). */
export interface RedisCrash {
  /** Restart the process this long after the crash (its supervisor); default: down until a restart. */
  readonly restartAfterMs?: number | undefined;
  /** Only the process is killed: writes in the OS page cache still reach the disk. */
  readonly pageCacheSurvives?: boolean | undefined;
}

/**
 * One Redis server process (a single database) on its own machine.
 *
 * Commands run one at a time and synchronously when a request arrives
 * (`exec`). Before each command, if used memory is over maxmemory, keys are
 * evicted per the policy; if that cannot get under the limit, commands that
 * may grow memory are refused with OOM while reads and DEL keep working
 * [REDIS-CONF], [REDIS-SERVER] processCommand. Keys expire passively on
 * access and actively in a cycle at `hz` (active-expiry.ts). What survives
 * a crash depends on persistence (persistence.ts).
 *
 * The machine stays on the network while the process is down, so clients
 * are refused at once (ECONNREFUSED) instead of timing out.
 *
 * Faults (target = name):
 * - crash {restartAfterMs?, pageCacheSurvives?}: the process dies; the
 *   dataset reverts to what is on disk. By default un-fsynced AOF data is
 *   lost too (the worst case, as when the machine goes with it);
 *   pageCacheSurvives: true models a kill of the process alone.
 * - restart: a running server shuts down cleanly (final RDB save when save
 *   points are set, AOF fsync) and starts again; a crashed one starts.
 * - fill-memory {bytes, valueBytes?, ttlMs?, as?}: another client writes
 *   `bytes` of data as keys fill:<n> (values of valueBytes, default 1024,
 *   with TTL ttlMs if given). They are ordinary keys: counted in memory,
 *   evictable, persisted per the mode, and their writes obey maxmemory (with
 *   noeviction the fill stops at the first OOM, just over the limit). With
 *   as: 'overhead' the bytes are non-key memory instead (client buffers,
 *   fragmentation): never evictable, never persisted, gone with the process.
 *
 * Trace (source = name): crash, shutdown, restart (keys recovered),
 * evicted and oom (counts, at most one record a second), rdb-save, fill-memory.
 */
export class RedisServer {
  private readonly life: Lifecycle<RedisCrash>;
  private readonly db: Keyspace;
  private readonly persistence: Persistence;
  private readonly evictor: Evictor;
  private readonly evictions: ThrottledCount;
  private readonly oomRejections: ThrottledCount;
  private overheadBytes = 0;
  private cronTimer = -1;
  /** serverCron's period (µs) and the instant its ticks count from (the process start). */
  private cronPeriod = 0;
  private cronOrigin = 0;
  /** The tick of the last cycle run (the process start before the first). */
  private lastCycleAt = 0;
  /** The tick the next active expiry cycle is planned for; Infinity when no key has a TTL. */
  private cronAt = Infinity;
  private secondTimer = -1;
  private fillSeq = 0;
  /** Where the active expiry cycle goes on walking the keys with a TTL (db->expires_cursor). */
  private readonly expireCursor: ExpireCursor = { at: 0 };
  private readonly restartHooks: (() => void)[] = [];

  constructor(
    private readonly sim: Simulation,
    net: Network,
    readonly name: string,
    readonly options: RedisOptions,
  ) {
    checkOptions(options);
    net.addHost(name);
    this.db = new Keyspace(sim, (key, value) => this.persistence.changed(key, value), (expiresAt) => this.expiryAdded(expiresAt));
    this.persistence = createPersistence(sim, name, this.db, options);
    this.evictor = new Evictor(this.db, options.maxmemoryPolicy, options.maxmemorySamples ?? DEFAULT_MAXMEMORY_SAMPLES, sim.rng(`redis/${name}/evict`));
    const usage = () => ({ usedBytes: this.usedMemoryBytes, maxmemoryBytes: options.maxmemoryBytes });
    this.evictions = new ThrottledCount(sim, name, 'evicted', sec(1), () => ({ policy: options.maxmemoryPolicy, ...usage() }));
    this.oomRejections = new ThrottledCount(sim, name, 'oom', sec(1), usage);

    this.life = new Lifecycle<RedisCrash>(sim, name, {
      faults: { crash: REDIS_FAULTS.crash, restart: REDIS_FAULTS.restart },
      restartDelay: restartOnRequest,
    }, {
      stopped: (cause, _restart, crash) => this.stopped(cause, crash?.pageCacheSurvives === true),
      running: (bounced) => this.started(bounced),
    });
    sim.faults.on(name, 'fill-memory', (f) => this.onFillFault(f), REDIS_FAULTS['fill-memory']);
    this.startTimers();
  }

  /** Whether the Redis process is running. */
  get up(): boolean {
    return this.life.up;
  }

  /** The memory estimate compared with maxmemory: keys (memory.ts) plus non-key overhead. */
  get usedMemoryBytes(): number {
    return this.db.usedBytes + this.overheadBytes;
  }

  /** Counters over the whole run, across restarts (INFO's would restart at 0). */
  get stats(): { expiredKeys: number; evictedKeys: number; oomRejections: number } {
    return { expiredKeys: this.db.expiredKeys, evictedKeys: this.evictions.total, oomRejections: this.oomRejections.total };
  }

  /** Executes a command at the server now. When the process is down the answer is ECONNREFUSED. */
  exec(cmd: RedisCommand): RedisReply {
    if (!this.up) return replyError(CONNECTION_REFUSED);
    if (this.overLimit()) {
      const { evicted, ok } = this.evictor.evictWhile(() => this.overLimit());
      this.evictions.add(evicted);
      if (!ok && deniedOnOom(cmd)) {
        this.oomRejections.add();
        return replyError(OOM_ERROR);
      }
    }
    return runCommand(this.db, cmd, this.sim.now);
  }

  /** The process dies; see the class comment for pageCacheSurvives. */
  crash(options: RedisCrash = {}): void {
    this.life.stop('crash', options);
  }

  /**
   * Starts the process with what is on disk (expired keys dropped). A
   * running server first shuts down cleanly, which saves or fsyncs.
   */
  restart(): void {
    this.life.restart();
  }

  /** Runs `hook` each time the process has started again and loaded its data (an operator's or a sidecar's reaction). */
  onRestart(hook: () => void): void {
    this.restartHooks.push(hook);
  }

  /**
   * A key's value as GET would answer it now, without GET's side effects
   * (eviction, LRU touch, passive expiry): null when down, absent or expired.
   */
  peekValue(key: string): string | null {
    if (!this.up) return null;
    const e = this.db.peek(key);
    return e === undefined || this.db.isExpired(e) ? null : e.value;
  }

  /** Keys a client could read now, sorted (for tests and metrics; touches nothing). */
  keys(): string[] {
    return this.db.liveKeys().sort();
  }

  /** The fill-memory fault (see the class comment); returns the keys written. */
  fillMemory(bytes: number, options: { valueBytes?: number; ttlMs?: number; as?: 'keys' | 'overhead' } = {}): number {
    if (!this.up || !(bytes > 0)) return 0;
    if (options.as === 'overhead') {
      this.overheadBytes += bytes;
      this.sim.trace.typed<RedisEvents>().emit(this.name, 'fill-memory', { keys: 0, bytes, overheadBytes: this.overheadBytes, oom: false });
      return 0;
    }
    const value = 'x'.repeat(Math.max(0, Math.round(options.valueBytes ?? 1024)));
    let written = 0, keys = 0, oom = false;
    while (written < bytes) {
      const key = `fill:${++this.fillSeq}`;
      const r = this.exec({ op: 'set', key, value, ...(options.ttlMs === undefined ? {} : { exMs: options.ttlMs }) });
      if (!r.ok) { oom = true; break; }
      written += entryBytes(key, value);
      keys++;
    }
    this.sim.trace.typed<RedisEvents>().emit(this.name, 'fill-memory', { keys, bytes: written, oom });
    return keys;
  }

  private overLimit(): boolean {
    const max = this.options.maxmemoryBytes;
    return max > 0 && this.usedMemoryBytes > max;
  }

  /**
   * serverCron's active expiry at hz, and the once-a-second persistence work.
   * A cycle at a tick when no key has expired yet looks at keys and deletes
   * none: its only effect would be to move the cursor on, so only the ticks
   * at which some key has expired are put in the queue, on serverCron's own
   * grid, and the first cycle after skipped ticks moves the cursor on as
   * they would have (20 keys each, at today's number of keys with a TTL).
   */
  private startTimers(): void {
    this.cronPeriod = Math.round(US_PER_S / (this.options.hz ?? DEFAULT_HZ));
    this.cronOrigin = this.sim.now;
    this.lastCycleAt = this.sim.now;
    this.expireCursor.at = 0;
    this.planCron();
    const everySecond = () => {
      this.secondTimer = this.sim.schedule(sec(1), everySecond);
      this.persistence.everySecond();
    };
    this.secondTimer = this.sim.schedule(sec(1), everySecond);
  }

  private readonly cron = (): void => {
    this.cronTimer = -1;
    this.cronAt = Infinity;
    skipCursor(this.expireCursor, Math.round((this.sim.now - this.lastCycleAt) / this.cronPeriod) - 1, this.db.volatile.size);
    this.lastCycleAt = this.sim.now;
    activeExpireCycle(this.db, this.expireCursor);
    this.planCron();
  };

  /** Plans the next cycle: the first tick after now at which a key has expired (now > expiresAt). */
  private planCron(): void {
    const tick = this.tickAfter(Math.max(this.sim.now, this.db.volatile.minTag()));
    if (tick === Infinity) return;
    this.cronAt = tick;
    this.cronTimer = this.sim.at(tick, this.cron);
  }

  /** The first serverCron tick strictly after `t` (µs); Infinity for Infinity. */
  private tickAfter(t: Micros): Micros {
    if (t === Infinity) return Infinity;
    return this.cronOrigin + (Math.floor((t - this.cronOrigin) / this.cronPeriod) + 1) * this.cronPeriod;
  }

  /** A write gave a key a TTL: a cycle must come at the first tick after it expires, if none is planned by then. */
  private expiryAdded(expiresAt: Micros): void {
    const tick = this.tickAfter(Math.max(this.sim.now, expiresAt));
    if (tick >= this.cronAt) return;
    if (this.cronTimer >= 0) this.sim.cancel(this.cronTimer);
    this.cronAt = tick;
    this.cronTimer = this.sim.at(tick, this.cron);
  }

  /** A crash keeps what reached the disk; a restart of a running server shuts it down cleanly first (SHUTDOWN). */
  private stopped(cause: StopCause, pageCacheSurvives: boolean): void {
    const keys = this.db.size;
    if (cause === 'bounce') this.persistence.shutdown();
    else this.persistence.crash(pageCacheSurvives);
    this.dropMemory();
    const keysOnDisk = this.persistence.onDisk().size;
    if (cause === 'bounce') this.sim.trace.typed<RedisEvents>().emit(this.name, 'shutdown', { keys, keysOnDisk });
    else this.sim.trace.typed<RedisEvents>().emit(this.name, 'crash', { persistence: this.options.persistence, keys, keysOnDisk, pageCacheSurvives });
  }

  /** Loads what is on disk and starts serverCron; `graceful`: after a clean shutdown. */
  private started(graceful: boolean): void {
    const { loaded, expired } = this.db.load(this.persistence.onDisk());
    this.persistence.started();
    this.startTimers();
    this.sim.trace.typed<RedisEvents>().emit(this.name, 'restart', { keys: loaded, expiredOnLoad: expired, graceful });
    for (const hook of this.restartHooks) hook();
  }

  /** The process is gone: its memory, timers and eviction pool with it. */
  private dropMemory(): void {
    this.sim.cancel(this.cronTimer);
    this.cronTimer = -1;
    this.cronAt = Infinity;
    this.sim.cancel(this.secondTimer);
    this.db.clear();
    this.overheadBytes = 0;
    this.evictor.reset();
  }

  /** The fill-memory fault, its params checked against REDIS_FAULTS['fill-memory']. */
  private onFillFault(f: Fault): void {
    const { bytes, valueBytes, ttlMs, as } = f.params as z.output<(typeof REDIS_FAULTS)['fill-memory']>;
    this.fillMemory(bytes, {
      as,
      ...(valueBytes === undefined ? {} : { valueBytes }),
      ...(ttlMs === undefined ? {} : { ttlMs }),
    });
  }
}
