import type { Event } from '../../src/kernel/event.js';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, type Micros } from '../../src/kernel/time.js';
import type { Network, Requester } from '../net/network.js';
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

/** Hands a `commandThen` waiter its reply, or the time-out as one. */
class HandReply implements Requester<RedisReply> {
  constructor(private readonly waiter: RedisWaiter) {}
  answered(reply: RedisReply): void {
    this.waiter.redisReply = reply;
    this.waiter.redisReplied();
  }
  timedOut(): void {
    this.waiter.redisReply = TIMED_OUT;
    this.waiter.redisReplied();
  }
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
  /** What the server does with a command that reaches it (one function for every command). */
  private readonly exec: (cmd: RedisCommand) => RedisReply;

  constructor(
    private readonly sim: Simulation,
    private readonly net: Network,
    readonly host: string,
    readonly server: RedisServer,
    options: RedisClientOptions,
  ) {
    this.timeout = ms(options.timeoutMs);
    this.exec = (cmd) => server.exec(cmd);
  }

  command(cmd: RedisCommand): Event<RedisReply> {
    const done = this.sim.event<RedisReply>();
    const server = this.server;
    this.net.call<RedisReply>(this.host, server.name, () => server.exec(cmd), this.timeout)
      .addCallback((ev) => { done.succeed(ev.value!.ok ? ev.value!.value : TIMED_OUT); });
    return done;
  }

  /**
   * `command` for a caller written as callbacks: `waiter` gets the reply in
   * the event in which it arrives, or the time-out in the event at the
   * deadline (network.ts `request`: two events a command, no timer while
   * answers come in time).
   */
  commandThen(cmd: RedisCommand, waiter: RedisWaiter): void {
    this.net.request<RedisCommand, RedisReply>(this.host, this.server.name, this.exec, cmd, this.timeout, new HandReply(waiter));
  }
}
