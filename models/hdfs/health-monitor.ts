import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { ZkfcOptions } from './hdfs-options.js';
import type { NameNode } from './namenode.js';

export type HealthState = 'initializing' | 'healthy' | 'not-responding';

/**
 * The ZKFC's HealthMonitor [ZKFC-JAVA], [HADOOP-CORE]: from the NameNode's own
 * host, a monitorHealth() RPC every check interval. A refused connection
 * fails at once; a frozen process fails the call after the health RPC
 * timeout (45 s) unless it resumes first. After a failure the monitor
 * sleeps sleep-after-disconnect, reconnects and checks again.
 */
export class HealthMonitor {
  state: HealthState = 'initializing';
  private generation = 0;

  constructor(private readonly sim: Simulation, private readonly nn: NameNode, private readonly o: ZkfcOptions, private readonly onChange: (s: HealthState) => void) {}

  start(): void {
    const gen = ++this.generation;
    this.state = 'initializing';
    this.sim.schedule(0, () => { if (gen === this.generation) this.check(gen); });
  }

  stop(): void { this.generation++; this.state = 'initializing'; }

  private check(gen: number): void {
    const r = this.nn.reachFrom(this.nn.host);
    if (r === 'active' || r === 'standby') return this.result(gen, 'healthy');
    if (r !== 'frozen') return this.result(gen, 'not-responding');
    const deadline = this.sim.now + ms(this.o.healthRpcTimeoutMs);
    this.sim.at(Math.min(deadline, this.nn.pausedUntil), () => {
      if (gen !== this.generation) return;
      const now = this.nn.reachFrom(this.nn.host);
      if (now === 'active' || now === 'standby') this.result(gen, 'healthy');
      else this.sim.at(Math.max(this.sim.now, deadline), () => { if (gen === this.generation) this.result(gen, 'not-responding'); });
    });
  }

  private result(gen: number, s: HealthState): void {
    const next = s === 'healthy' ? this.o.checkIntervalMs : this.o.sleepAfterDisconnectMs;
    this.sim.schedule(ms(next), () => { if (gen === this.generation) this.check(gen); });
    if (s !== this.state) { this.state = s; this.onChange(s); }
  }
}
