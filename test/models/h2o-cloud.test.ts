import { describe, expect, it } from 'vitest';
import { ms, sec } from '../../src/kernel/index.js';
import { H2O_TIMEOUT_MS } from '../../models/h2o/cloud.js';
import { NetworkPolicy } from '../../models/h2o/network-policy.js';
import { h2oWorld, HOP } from './h2o-world.js';

describe('H2O cloud formation (Paxos.doHeartbeat)', () => {
  it('three nodes started together form a cloud after three heartbeat rounds: 3 s + one hop', () => {
    // Round 1 (1 s): each hears the others, views grow to 3. Round 2 (2 s): all
    // report the same view (hbCommon). Round 3 (3 s): all report common knowledge.
    const { sim, cloud, kinds } = h2oWorld(3);
    cloud.startAll();
    sim.run(sec(3) + HOP - 1);
    expect(cloud.isFormed).toBe(false);
    expect(cloud.size).toBe(0);
    sim.run(sec(3) + HOP);
    expect(cloud.isFormed).toBe(true);
    expect(cloud.size).toBe(3);
    expect(kinds('formed').map((r) => [r.t, r.data?.['members']])).toEqual([[sec(3) + HOP, 'h2o-0+h2o-1+h2o-2']]);
    expect(cloud.formedAt).toBe(sec(3) + HOP);
  });

  it('a lone node (one-entry flatfile) forms a cloud of one at its first heartbeat', () => {
    const { sim, cloud } = h2oWorld(1);
    cloud.startAll();
    sim.run(sec(1));
    expect(cloud.size).toBe(1);
    expect(cloud.formedAt).toBe(sec(1));
  });

  it('a 4th node before the first job joins: the cloud re-votes and forms at size 4 three rounds later', () => {
    const { sim, cloud, kinds } = h2oWorld(4);
    for (const n of ['h2o-0', 'h2o-1', 'h2o-2']) cloud.start(n);
    cloud.start('h2o-3', 10_000);
    sim.run(sec(20));
    // h2o-3 boots at 10 s, first heartbeat at 11 s; agreement at 12 s; common knowledge at 13 s.
    expect(kinds('formed').map((r) => [r.t, r.data?.['size']])).toEqual([[sec(3) + HOP, 3], [sec(13) + HOP, 4]]);
    expect(cloud.size).toBe(4);
    expect(cloud.refusals).toBe(0);
  });

  it('a 4th node after the first job locked the cloud is told to shut down (UDPRebooted.T.locked)', () => {
    const { sim, cloud, kinds } = h2oWorld(4);
    for (const n of ['h2o-0', 'h2o-1', 'h2o-2']) cloud.start(n);
    cloud.whenFormed(() => expect(cloud.lock('first job')).toBe(true));
    cloud.start('h2o-3', 10_000);
    sim.run(sec(20));
    // h2o-3's first heartbeat leaves at 11 s, reaches h2o-0 at +1 hop; the refusal takes another hop.
    expect(kinds('locked').map((r) => [r.t, r.data?.['size']])).toEqual([[sec(3) + HOP, 3]]);
    expect(kinds('refused').map((r) => [r.t, r.data?.['node'], r.data?.['by']])).toEqual([[sec(11) + 2 * HOP, 'h2o-3', 'h2o-0']]);
    expect(cloud.isUp('h2o-3')).toBe(false);
    expect(cloud.size).toBe(3);
    expect(kinds('formed')).toHaveLength(1);
    expect(cloud.refusals).toBe(1);
  });

  it('a node cut off is unhealthy exactly TIMEOUT (60 s) after the leader last heard it; membership does not shrink', () => {
    const { sim, net, cloud, kinds } = h2oWorld(3);
    cloud.startAll();
    sim.at(ms(10_200), () => net.isolate('h2o-2'));
    // Last heartbeat from h2o-2 to reach the leader: sent at 10 s, heard at 10 s + 1 hop.
    const unhealthyAt = sec(10) + HOP + ms(H2O_TIMEOUT_MS);
    sim.run(unhealthyAt - 1);
    expect(cloud.isHealthy('h2o-2')).toBe(true);
    expect(kinds('unhealthy')).toHaveLength(0);
    sim.run(unhealthyAt);
    expect(cloud.isHealthy('h2o-2')).toBe(false);
    expect(kinds('unhealthy').map((r) => [r.t, r.data?.['node'], r.data?.['lastHeardMs']])).toEqual([[unhealthyAt, 'h2o-2', 10_000.5]]);
    expect(cloud.size).toBe(3);
    expect(cloud.healthyCount).toBe(2);
  });

  it('a healed node is regained at its next heartbeat and watched again', () => {
    const { sim, net, cloud, kinds } = h2oWorld(3);
    cloud.startAll();
    sim.at(ms(10_200), () => net.isolate('h2o-2'));
    sim.at(sec(80), () => net.heal());
    sim.run(sec(200));
    expect(kinds('unhealthy')).toHaveLength(1);
    // The heal was scheduled first, so the heartbeat h2o-2 sends at that same 80 s gets through.
    expect(kinds('regained').map((r) => r.t)).toEqual([sec(80) + HOP]);
    expect(cloud.healthyCount).toBe(3);
  });

  it('restartAll forms a new cloud: stop now, boot after restartMs, formed three rounds later', () => {
    const { sim, cloud, kinds } = h2oWorld(3);
    cloud.startAll();
    sim.run(sec(5));
    cloud.lock('job');
    cloud.restartAll(30_000);
    expect(cloud.size).toBe(0);
    sim.run(sec(40));
    expect(kinds('formed').map((r) => r.t)).toEqual([sec(3) + HOP, sec(38) + HOP]);
    expect(cloud.isLocked).toBe(false);
    expect(cloud.generation).toBe(1);
  });

  it('expectedSize holds the cloud back until that many nodes agree (H2O_NODE_EXPECTED_COUNT)', () => {
    const { sim, cloud } = h2oWorld(3, { expectedSize: 3 });
    for (const n of ['h2o-0', 'h2o-1']) cloud.start(n);
    cloud.start('h2o-2', 20_000);
    sim.run(sec(15));
    expect(cloud.isFormed).toBe(false);
    sim.run(sec(30));
    expect(cloud.size).toBe(3);
    expect(cloud.formedAt).toBe(sec(23) + HOP);
  });
});

describe('H2O NetworkPolicy switch (ports 54321-54322)', () => {
  it('on with no h2o pods allowed: heartbeats are dropped and no cloud forms; denied flows are counted', () => {
    const policy = new NetworkPolicy();
    policy.setEnabled(true);
    const { sim, cloud } = h2oWorld(3, { policy });
    cloud.startAll();
    sim.run(sec(10));
    expect(cloud.isFormed).toBe(false);
    expect(policy.denied).toBe(10 * 3 * 2);
  });

  it('on with the app=h2o pods allowed: the cloud forms as without a policy', () => {
    const policy = new NetworkPolicy(['h2o-0', 'h2o-1', 'h2o-2']);
    policy.setEnabled(true);
    const { sim, cloud } = h2oWorld(3, { policy });
    cloud.startAll();
    sim.run(sec(4));
    expect(cloud.formedAt).toBe(sec(3) + HOP);
  });

  it('a client pod without the label is denied: its call times out (no refusal); allowed, it is answered in one round trip', () => {
    const policy = new NetworkPolicy(['h2o-0', 'h2o-1', 'h2o-2']);
    policy.setEnabled(true);
    const { sim, net, cloud } = h2oWorld(3, { policy });
    net.addHost('mage');
    cloud.startAll();
    sim.run(sec(5));
    const denied = cloud.call('mage', 'h2o-0', () => 'cloud', sec(2));
    sim.run(sec(8));
    expect(denied.value).toEqual({ ok: false, error: 'timeout' });
    policy.allow('mage');
    const t0 = sim.now;
    const allowed = cloud.call('mage', 'h2o-0', () => 'cloud', sec(2));
    sim.run(t0 + 2 * HOP);
    expect(allowed.value).toEqual({ ok: true, value: 'cloud' });
  });
});
