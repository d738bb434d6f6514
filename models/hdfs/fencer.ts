import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { TypedTrace } from '../../src/kernel/trace-events.js';
import type { HdfsEvents } from './hdfs-events.js';
import type { FencingMethod, ZkfcOptions } from './hdfs-options.js';
import type { NameNode } from './namenode.js';

/**
 * How the winning ZKFC fences the previous active (ZKFailoverController.doFence,
 * NodeFencer, SshFenceByTcpPort) [ZKFC-JAVA], [HADOOP-CORE]: first a graceful
 * transitionToStandby RPC; if it fails, the configured methods in order
 * until one succeeds. sshfence logs in to the old host and kills whatever
 * listens on the NameNode port (success also when nothing does); when the
 * host does not answer, ssh fails after its connect timeout. shell(/bin/true)
 * always succeeds. Simplification: a graceful fence that gets no connection
 * at all (host down or cut off) fails after the graceful-fence RPC timeout
 * (5 s). The real time depends on how the dead address fails: "no route to
 * host" after the ARP timeout (a few s, then one retry 1 s later), or a
 * connect timeout of ipc.client.connect.timeout (20 s) retried up to
 * ipc.client.connect.max.retries.on.timeouts (45) times (Hadoop IPC
 * Client.setupConnection); raise gracefulFenceTimeoutMs to model the latter.
 */
export class Fencer {
  private readonly trace: TypedTrace<HdfsEvents>;

  constructor(private readonly sim: Simulation, private readonly source: string, private readonly fromHost: string, private readonly o: ZkfcOptions) {
    this.trace = sim.trace.typed<HdfsEvents>();
  }

  fence(target: NameNode, done: (ok: boolean) => void): void {
    this.graceful(target, this.o.gracefulFenceConnectionRetries, (ok) => {
      this.trace.emit(this.source, 'fence-graceful', { target: target.name, ok });
      if (ok) done(true);
      else this.method(target, 0, done);
    });
  }

  private graceful(target: NameNode, retriesLeft: number, done: (ok: boolean) => void): void {
    switch (target.reachFrom(this.fromHost)) {
      case 'active': case 'standby': target.toStandby(); return done(true);
      case 'refused':
        if (retriesLeft === 0) return done(false);
        return void this.sim.schedule(ms(this.o.connectRetryIntervalMs), () => this.graceful(target, retriesLeft - 1, done));
      case 'unreachable': return void this.sim.schedule(ms(this.o.gracefulFenceTimeoutMs), () => done(false));
      case 'frozen': {
        const deadline = this.sim.now + ms(this.o.gracefulFenceTimeoutMs);
        // The request waits in the frozen process; it is served if the pause ends before the timeout.
        return void this.sim.at(Math.min(deadline, target.pausedUntil), () => {
          const now = target.reachFrom(this.fromHost);
          if (now === 'active' || now === 'standby') { target.toStandby(); done(true); }
          else this.sim.at(Math.max(this.sim.now, deadline), () => done(false));
        });
      }
    }
  }

  private method(target: NameNode, index: number, done: (ok: boolean) => void): void {
    const method = this.o.fencingMethods[index];
    if (method === undefined) {
      this.trace.emit(this.source, 'fence-failed', { target: target.name });
      return done(false);
    }
    this.run(method, target, (ok) => {
      this.trace.emit(this.source, 'fence-method', { target: target.name, method, ok });
      if (ok) done(true);
      else this.method(target, index + 1, done);
    });
  }

  private run(method: FencingMethod, target: NameNode, done: (ok: boolean) => void): void {
    if (method === 'shell(/bin/true)') return done(true);
    if (target.reachFrom(this.fromHost) === 'unreachable') return void this.sim.schedule(ms(this.o.sshConnectTimeoutMs), () => done(false));
    if (target.processUp) target.process.stop('killed'); // fuser -k on the NameNode port
    done(true);
  }
}
