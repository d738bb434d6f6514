import type { Simulation } from '../../../src/kernel/simulation.js';
import { ms } from '../../../src/kernel/time.js';
import type { AttemptError } from '../failover-schedule.js';
import type { IpcOptions } from '../hdfs-options.js';
import type { NameNode } from '../namenode.js';

export type NameNodeCallOutcome = 'ok' | AttemptError;

/**
 * One client RPC to a NameNode through Hadoop IPC [HADOOP-CORE]: an answering
 * process replies after the RPC latency (ok, or StandbyException from a
 * standby); a refused connection fails after the same; an unreachable host
 * fails after ipc.client.connect.timeout; a frozen process holds the call
 * until it resumes, or fails it at ipc.client.rpc-timeout.ms.
 */
export function callNameNode(sim: Simulation, nn: NameNode, fromHost: string, ipc: IpcOptions, latencyMs: number, done: (o: NameNodeCallOutcome) => void): void {
  const r = nn.reachFrom(fromHost);
  if (r === 'unreachable') return void sim.schedule(ms(ipc.connectTimeoutMs), () => done('connect-timeout'));
  if (r !== 'frozen') return void sim.schedule(ms(latencyMs), () => done(answer(nn, fromHost)));
  const deadline = sim.now + ms(ipc.rpcTimeoutMs);
  sim.at(Math.min(deadline, nn.pausedUntil), () => {
    const now = nn.reachFrom(fromHost);
    if (now === 'active' || now === 'standby') sim.schedule(ms(latencyMs), () => done(answer(nn, fromHost)));
    else if (now === 'frozen') sim.at(Math.max(sim.now, deadline), () => done('rpc-timeout'));
    else done(now === 'refused' ? 'refused' : 'rpc-timeout'); // killed or cut off while the call waited
  });
}

function answer(nn: NameNode, fromHost: string): NameNodeCallOutcome {
  switch (nn.reachFrom(fromHost)) {
    case 'active': return 'ok';
    case 'standby': return 'standby';
    case 'refused': return 'refused';
    case 'frozen': case 'unreachable': return 'rpc-timeout';
  }
}
