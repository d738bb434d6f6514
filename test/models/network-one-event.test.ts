import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/kernel/simulation.js';
import { StateHistory } from '../../src/kernel/state-history.js';
import { ms } from '../../src/kernel/time.js';
import { Network } from '../../models/net/network.js';
import { PostgresNode } from '../../models/postgres/postgres-node.js';

/**
 * Messages sent ahead (a WAL record that leaves its sender later) and round
 * trips in one event must decide exactly as the two-event way does: a fault
 * that starts mid-flight still affects them.
 */
function replicated(replicationLagMs: number, write = true) {
  const sim = new Simulation({ seed: 5 });
  const net = new Network(sim, { latencyMedianMs: 0.5, latencySigma: 0.5, lossProbability: 0 });
  net.addHost('pg-0');
  net.addHost('pg-1');
  const peers = new Map<string, PostgresNode>();
  for (const name of ['pg-0', 'pg-1']) peers.set(name, new PostgresNode(sim, net, name, peers, { flushMs: 1, replicationLagMs, walBytesPerWrite: 512 }));
  const [primary, standby] = [peers.get('pg-0')!, peers.get('pg-1')!];
  primary.role = 'primary';
  standby.follow('pg-0');
  const answers: string[] = [];
  if (write) sim.schedule(ms(10), () => primary.insert(1, { respond: (a) => { answers.push(a); } }));
  return { sim, net, primary, standby, answers };
}

describe('a WAL record sent ahead of its departure', () => {
  it('arrives in one event when nothing on the network changes before it leaves', () => {
    const { sim, standby } = replicated(200);
    sim.run(ms(5000));
    expect(standby.wal).toEqual([1]);
    const idle = replicated(200, false);
    idle.sim.run(ms(5000));
    // The write, its flush, the record: no departure event, and no event for the
    // standby's ack, which a primary without a synchronous standby takes in when it looks.
    expect(sim.eventCount - idle.sim.eventCount).toBe(3);
  });

  it('is cut off by a partition that starts after the commit but before the record leaves', () => {
    const { sim, standby } = replicated(200);
    sim.faults.schedule([{ at: ms(60), target: 'network', kind: 'partition', params: { groups: [['pg-0'], ['pg-1']] } }]);
    sim.run(ms(5000));
    expect(standby.wal).toEqual([]);
  });

  it('is lost when its sender crashes after the commit but before the record leaves', () => {
    const { sim, primary, standby } = replicated(200);
    sim.schedule(ms(60), () => primary.crash());
    sim.run(ms(5000));
    expect(primary.wal).toEqual([1]);
    expect(standby.wal).toEqual([]);
  });

  it('refuses to be sent ahead past a scheduled network fault', () => {
    const { sim, net } = replicated(200);
    sim.faults.schedule([{ at: ms(60), target: 'network', kind: 'heal' }]);
    expect(net.canSendAhead(ms(59))).toBe(true);
    expect(net.canSendAhead(ms(60))).toBe(false);
    expect(() => net.send('pg-0', 'pg-1', () => {}, undefined, 0, ms(61))).toThrow(/cannot be sent ahead/);
  });
});

describe("a standby's ack the primary is not waiting for", () => {
  it('turns into an event when that standby becomes the synchronous one while the ack is in flight, and releases the waiting commit as it arrives', () => {
    const answered: number[] = [];
    for (const oneEventPaths of [true, false]) {
      const sim = new Simulation({ seed: 5 });
      const net = new Network(sim, { latencyMedianMs: 50, latencySigma: 0, lossProbability: 0, oneEventPaths });
      const names = ['pg-0', 'pg-1', 'pg-2'];
      for (const name of names) net.addHost(name);
      const peers = new Map<string, PostgresNode>();
      for (const name of names) peers.set(name, new PostgresNode(sim, net, name, peers, { flushMs: 0.001, replicationLagMs: 0.001, walBytesPerWrite: 512 }));
      const primary = peers.get('pg-0')!;
      primary.role = 'primary';
      peers.get('pg-1')!.follow('pg-0');
      peers.get('pg-2')!.follow('pg-0');
      primary.setSyncStandby('pg-2');
      // pg-2, the synchronous standby, is cut off: the commit waits.
      sim.faults.schedule([{ at: ms(100), target: 'network', kind: 'partition', params: { groups: [['pg-2'], ['pg-0', 'pg-1']] } }]);
      sim.run(ms(500));
      let at = -1;
      primary.insert(1, { respond: () => { at = sim.now; } });
      // pg-1 has the record at about +50 ms; its ack reaches the primary at about +100 ms.
      sim.run(ms(575));
      expect(peers.get('pg-1')!.wal).toEqual([1]);
      expect(at).toBe(-1);
      primary.setSyncStandby('pg-1');
      sim.run(ms(2000));
      expect(at).toBeGreaterThan(ms(599));
      expect(at).toBeLessThan(ms(601));
      answered.push(at);
    }
    expect(answered[0]).toBe(answered[1]);
  });
});

function server() {
  const sim = new Simulation({ seed: 9 });
  const net = new Network(sim, { latencyMedianMs: 5, latencySigma: 0.1, lossProbability: 0 });
  let up = true;
  const history = new StateHistory<boolean>(true);
  const setUp = (v: boolean) => { up = v; history.set(sim.now, v); };
  net.addHost('app');
  net.addHost('db', () => up, (t) => history.at(t));
  const replies: { at: number; servedAt: number }[] = [];
  let served = 0;
  const send = () => net.roundTrip('app', 'db', () => { served++; net.send('db', 'app', () => replies.push({ at: sim.now, servedAt: -1 }), undefined); }, (_arg: undefined, servedAt) => replies.push({ at: sim.now, servedAt }), undefined);
  return { sim, net, setUp, replies, send, served: () => served };
}

describe('a round trip in one event', () => {
  it('is answered as of the instant the request reached the server', () => {
    const s = server();
    s.sim.schedule(0, s.send);
    s.sim.run();
    expect(s.replies).toHaveLength(1);
    expect(s.replies[0]!.servedAt).toBeGreaterThan(ms(3));
    expect(s.replies[0]!.at).toBeGreaterThan(s.replies[0]!.servedAt);
    expect(s.sim.eventCount).toBe(2);
  });

  it('gets no answer if the server stopped before the request arrived, and one if it stopped after', () => {
    const early = server();
    early.sim.schedule(0, early.send);
    early.sim.schedule(ms(1), () => early.setUp(false));
    early.sim.run();
    expect(early.replies).toEqual([]);

    const late = server();
    late.sim.schedule(0, late.send);
    // After the request reached it (about 5 ms), before the reply is back (about 10 ms).
    late.sim.schedule(ms(7), () => late.setUp(false));
    late.sim.run();
    expect(late.replies).toHaveLength(1);
  });

  it('refuses a change of the links outside the fault schedule while a round trip relies on them', () => {
    const s = server();
    s.sim.schedule(0, s.send);
    s.sim.schedule(ms(2), () => s.net.partition([['app'], ['db']]));
    expect(() => s.sim.run()).toThrow(/outside the fault schedule/);
  });

  it('falls back to two events when a network fault comes before the server has the request, and the cut holds', () => {
    const s = server();
    s.sim.faults.schedule([{ at: ms(2), target: 'network', kind: 'partition', params: { groups: [['app'], ['db']] } }]);
    s.sim.schedule(0, s.send);
    s.sim.run();
    expect(s.served()).toBe(0);
    expect(s.replies).toEqual([]);
  });
});
