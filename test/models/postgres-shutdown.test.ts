import { describe, expect, it } from 'vitest';
import { Simulation, ms } from '../../src/kernel/index.js';
import { Network } from '../../models/net/network.js';
import { PostgresNode } from '../../models/postgres/postgres-node.js';

/**
 * PostgreSQL's shutdown modes as Patroni's demote uses them: a fast shutdown
 * keeps the WAL senders alive until every connected standby has all WAL up
 * to the shutdown checkpoint (walsender.c WalSndDone, postmaster
 * PM_SHUTDOWN_2); an immediate one (SIGQUIT) drops what the senders had not
 * sent. Hand-worked: 20 writes committed 1 ms apart with a 500 ms replication
 * lag, demoted 5 ms after the last: the standby has at most a few of them
 * when the primary stops.
 */
function shard() {
  const sim = new Simulation({ seed: 11 });
  const net = new Network(sim, { latencyMedianMs: 0.5, latencySigma: 0, lossProbability: 0 });
  net.addHost('pg-0');
  net.addHost('pg-1');
  const peers = new Map<string, PostgresNode>();
  const opts = { flushMs: 0, replicationLagMs: 500, walBytesPerWrite: 512 };
  for (const name of ['pg-0', 'pg-1']) peers.set(name, new PostgresNode(sim, net, name, peers, opts));
  const [primary, standby] = [peers.get('pg-0')!, peers.get('pg-1')!];
  primary.role = 'primary';
  standby.follow('pg-0');
  for (let i = 1; i <= 20; i++) sim.schedule(ms(10 + i), () => { primary.insertEvent(i); });
  return { sim, primary, standby };
}

describe('PostgreSQL demotion: fast vs immediate shutdown', () => {
  it('a fast shutdown streams every committed record to the connected standby before it stops', () => {
    const { sim, primary, standby } = shard();
    sim.schedule(ms(35), () => primary.demote('fast'));
    sim.run(ms(2_000));
    expect(primary.wal.length).toBe(20);
    expect(standby.wal).toEqual(primary.wal);
  });

  it('an immediate shutdown leaves the records still queued in the WAL sender on the old primary only', () => {
    const { sim, primary, standby } = shard();
    sim.schedule(ms(35), () => primary.demote('immediate'));
    sim.run(ms(2_000));
    expect(primary.wal.length).toBe(20);
    expect(standby.wal.length).toBeLessThan(20);
  });
});
