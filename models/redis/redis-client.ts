import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { Network } from '../net/network.js';
import { TIMEOUT, type RedisCommand, type RedisReply } from './commands.js';
import type { RedisServer } from './redis-server.js';

export interface RedisClientOptions {
  /** How long a command may take before the client gives up on it. */
  readonly timeoutMs: number;
}

const TIMED_OUT: RedisReply = { ok: false, error: TIMEOUT };

/**
 * A caller of `commandThen` that is not a process: it is handed each reply
 * in `redisReply`, then `redisReplied()` runs.
 */
export interface RedisWaiter {
  redisReply: RedisReply;
  redisReplied(): void;
}

function resume(waiter: RedisWaiter): void {
  waiter.redisReplied();
}

/**
 * An application's connection to one Redis server over the network. Every
 * outcome is a reply, never a failed event: the command's own reply, an
 * error reply (OOM, not an integer), ECONNREFUSED when the machine answers
 * but the process is down (after one round trip), or 'timeout' when nothing
 * came back in time (partition, loss). A timed-out command may still have
 * run at the server. `host` must be on the network (net.addHost) for the
 * reply to reach it.
 */
export class RedisClient {
  private readonly timeout: Micros;

  constructor(
    private readonly sim: Simulation,
    private readonly net: Network,
    readonly host: string,
    readonly server: RedisServer,
    options: RedisClientOptions,
  ) {
    this.timeout = ms(options.timeoutMs);
  }

  command(cmd: RedisCommand): Event<RedisReply> {
    const done = this.sim.event<RedisReply>();
    const server = this.server;
    this.net.call<RedisReply>(this.host, server.name, () => server.exec(cmd), this.timeout)
      .addCallback((ev) => { done.succeed(ev.value!.ok ? ev.value!.value : TIMED_OUT); });
    return done;
  }

  /**
   * `command` for a caller written as callbacks: `waiter` gets the reply one
   * event after the answer arrives, the instant and queue position at which a
   * process waiting on `command`'s event resumes, so both make the same run.
   * Nothing is allocated per command beyond the network's own call.
   */
  commandThen(cmd: RedisCommand, waiter: RedisWaiter): void {
    const server = this.server;
    this.net.call<RedisReply>(this.host, server.name, () => server.exec(cmd), this.timeout)
      .addCallback((ev) => {
        waiter.redisReply = ev.value!.ok ? ev.value!.value : TIMED_OUT;
        this.sim.schedule(0, resume, waiter);
      });
  }
}
