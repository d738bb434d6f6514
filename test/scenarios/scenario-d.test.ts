import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/run-scenario.js';
import { Simulation, sec } from '../../src/kernel/index.js';
import { h2oTraining } from '../../scenarios/h2o-training/system.js';
import { H2O_HEARTBEAT_MS, H2O_TIMEOUT_MS, chunkHomeIndex, homeIndex, resendDeadlineMs } from '../../models/h2o/index.js';
import { scenarioD } from '../../scenarios/h2o-training/scenario-d.js';
import { partitionFaults } from '../../scenarios/h2o-training/system.js';
import { h2oTrainingParams } from '../../scenarios/h2o-training/params.js';
import type { H2OTrainingMetrics } from '../../scenarios/h2o-training/metrics.js';

const run = (params: Record<string, unknown> = {}, timeline = false) => runScenario(scenarioD, { seed: 42, params, timeline });
const metrics = (params: Record<string, unknown> = {}) => run(params).metrics as H2OTrainingMetrics;
const at = (r: ReturnType<typeof run>, kind: string) => r.timeline.filter((e) => e.kind === kind).map((e) => e.tMs);

// Hand-worked constants (ms). Fixed 0.5 ms hop; a cloud forms three heartbeats after its pods start, plus a hop.
const HOP = 0.5;
const FORMATION = 3 * H2O_HEARTBEAT_MS + HOP;
/** One pass with one chunk per node on 3 nodes: the slowest is remote, 1 s of compute plus a round trip. */
const ROUND3 = 1_000 + 2 * HOP;
/** h2o.init(): one round trip from the Mage pod to the leader once the cloud has formed. */
const TRAIN_START = FORMATION + 2 * HOP;
/** The partition at 30.5 s: h2o-2's last heartbeat left at 30 s and reached the leader a hop later. */
const LAST_HEARD = 30_000 + HOP;
const LOST = LAST_HEARD + H2O_TIMEOUT_MS;

describe('scenario-d: a partition separates H2O nodes during training', () => {
  it("default ('fail'): the job fails at the 60 s TIMEOUT, the retry restarts the cloud without the cut-off pod and trains on 2 nodes", () => {
    const r = run({}, true);
    const m = r.metrics as H2OTrainingMetrics;
    expect(at(r, 'job-failed')).toEqual([LOST]);
    expect(at(r, 'cluster-restart')).toEqual([LOST]);
    // Pods back 30 s later; h2o-2 is still cut off (heal at 150.5 s), so a cloud of two forms.
    const reformed = LOST + 30_000 + FORMATION;
    expect(at(r, 'formed')).toEqual([FORMATION, reformed]);
    // 3 chunks on 2 nodes: chunks 0 and 2 are homed on the leader, so a pass takes 2 s there; the model key is homed on the leader (no put hop).
    expect([0, 1, 2].map((c) => chunkHomeIndex(c, 2))).toEqual([0, 1, 0]);
    expect(homeIndex('train-model-2', 2)).toBe(0);
    expect(m.timeToGoodModelMs).toBe(reformed + 100 * 2_000);
    expect(m.timeToGoodModelMs).toBe(323_001);
    expect([m.jobOutcome, m.dataFraction, m.attempts, m.restarts, m.jobsFailed]).toEqual([2, 1, 2, 1, 1]);
    // When the partition heals, h2o-2 heartbeats to the locked 2-node cloud and is told to shut down.
    expect([m.cloudSizeMin, m.cloudSizeMax, m.healthyMembersMin, m.refusedNodes, m.deniedFlows]).toEqual([2, 3, 2, 1, 0]);
    expect(r.claims.map((c) => c.pass)).toEqual([true, true, true]);
    expect(r.invariants.map((i) => i.pass)).toEqual([true]);
  });

  it("'hang' (H2O resends the RPC for ever): nothing fails, the pass stalls until a resend after the heal, then the job completes", () => {
    const m = metrics({ onLostNode: 'hang' });
    // Pass 27 started at TRAIN_START + 27 rounds; its RPC to h2o-2 is resent at 20, 40, 80, 140 s after the call;
    // the one sent at 140 s (170.0285 s) is the first after the heal at 150.5 s. 72 passes follow.
    const pass27 = TRAIN_START + 27 * ROUND3;
    expect([0, 1, 2, 3].map(resendDeadlineMs)).toEqual([20_000, 40_000, 80_000, 140_000]);
    expect(homeIndex('train-model-1', 3)).toBe(0);
    expect(m.timeToGoodModelMs).toBe(pass27 + 140_000 + ROUND3 + 72 * ROUND3);
    expect(m.timeToGoodModelMs).toBe(243_101.5);
    expect([m.jobOutcome, m.attempts, m.restarts, m.jobsFailed, m.healthyMembersMin]).toEqual([2, 1, 0, 0, 2]);
  });

  it("'hang' with a partition that never heals never completes: no exception for the seed's except, the invariant fails", () => {
    const r = run({ onLostNode: 'hang', healAfterMs: 0 });
    const m = r.metrics as H2OTrainingMetrics;
    expect([m.jobOutcome, m.timeToGoodModelMs, m.attempts, m.restarts, m.jobsFailed]).toEqual([0, -1, 1, 0, 0]);
    expect(r.invariants.map((i) => i.pass)).toEqual([false]);
    expect(r.claims.map((c) => c.pass)).toEqual([false, false, true]);
  });

  it("'partial' (the seed's claim) keeps a model from 2/3 of the data; no retry, and the invariant fails", () => {
    const r = run({ onLostNode: 'partial' });
    const m = r.metrics as H2OTrainingMetrics;
    expect(m.jobOutcome).toBe(1);
    expect(m.dataFraction).toBeCloseTo(2 / 3, 12);
    expect([m.restarts, m.timeToGoodModelMs]).toEqual([0, -1]);
    expect(r.invariants.map((i) => i.pass)).toEqual([false]);
  });

  it('a partition shorter than the TIMEOUT fails nothing, yet stalls the pass until the 40 s resend', () => {
    const m = metrics({ healAfterMs: 30_000 });
    const pass27 = TRAIN_START + 27 * ROUND3;
    // Resends at 20 s (50.0285 s, still cut) and 40 s (70.0285 s, after the heal at 60.5 s).
    expect(m.timeToGoodModelMs).toBe(pass27 + resendDeadlineMs(1) + ROUND3 + 72 * ROUND3);
    expect([m.jobsFailed, m.restarts, m.healthyMembersMin]).toEqual([0, 0, 3]);
  });

  it('half: the leader alone cannot form a cloud after the restart; it forms at the heal and trains on all 3', () => {
    const r = run({ isolate: 'half' }, true);
    const m = r.metrics as H2OTrainingMetrics;
    // Restarted pods boot at 120.0005 s and tick at x.0005 s; the first tick after the heal (150.5 s) is 151.0005 s.
    const formed = 151_000 + HOP + 2 * H2O_HEARTBEAT_MS + HOP;
    expect(at(r, 'formed')).toEqual([FORMATION, formed]);
    expect(m.timeToGoodModelMs).toBe(formed + 100 * ROUND3);
    // The job fails at the first node the leader loses; the restart then drops the second node's pending check.
    expect([m.jobOutcome, m.restarts, m.cloudSizeMin, m.healthyMembersMin, m.jobsFailed]).toEqual([2, 1, 3, 2, 1]);
  });

  it("half that never heals: the restarted leader alone cannot form a cloud (3 pods in the flatfile), so even 'fail' waits for ever", () => {
    const r = run({ isolate: 'half', healAfterMs: 0 });
    const m = r.metrics as H2OTrainingMetrics;
    expect([m.jobOutcome, m.timeToGoodModelMs, m.attempts, m.restarts, m.jobsFailed, m.cloudSizeMin]).toEqual([0, -1, 2, 1, 1, 3]);
    expect(r.invariants.map((i) => i.pass)).toEqual([false]);
    expect(r.invariants[0]!.detail).toContain('recovery waiting');
  });

  it("networkPolicy on: the H2O pods' own traffic passes, but the unlabelled Mage pod's h2o.init() is dropped and nothing trains", () => {
    const off = metrics();
    const blocked = metrics({ networkPolicy: 'on' });
    expect([blocked.jobOutcome, blocked.attempts, blocked.deniedFlows, blocked.cloudSizeMax]).toEqual([-2, 0, 1, 3]);
    const labelled = metrics({ networkPolicy: 'on', clientLabelled: true });
    expect(labelled).toEqual(off);
  });

  it('faults come as network isolate/partition and heal; healAfterMs 0 leaves no heal', () => {
    const p = h2oTrainingParams.parse({ nodes: 4 });
    expect(partitionFaults(p, 'half', 1_000, 5_000)).toEqual([
      { at: 1_000, target: 'network', kind: 'partition', params: { groups: [['h2o-0', 'h2o-1'], ['h2o-2', 'h2o-3']] } },
      { at: 6_000, target: 'network', kind: 'heal' },
    ]);
    expect(partitionFaults(p, 'one-node', 1_000, 0)).toEqual([{ at: 1_000, target: 'network', kind: 'isolate', params: { host: 'h2o-3' } }]);
  });

  it('panes: per-node membership and health as the leader sees it, the lock, and the job', () => {
    const p = h2oTrainingParams.parse({});
    const sim = new Simulation({ seed: 1 });
    const world = h2oTraining.spec.build(sim, p);
    const observed = h2oTraining.spec.observe(world, sim, p);
    sim.run(sec(10));
    const [cloud, job] = h2oTraining.spec.panes!({ world, observed, sim, params: p });
    expect(cloud!.title).toBe('cloud membership (3 members, locked)');
    expect(cloud!.rows).toEqual([['h2o-0 (leader)', 'up', 'healthy'], ['h2o-1', 'up', 'healthy'], ['h2o-2', 'up', 'healthy']]);
    expect(job!.rows.slice(0, 3)).toEqual([['client h2o.init()', 'connected'], ['recovery', 'training, attempt 1, 0 restart(s)'], ['job', 'running, iteration 6']]);
  });

  it('is deterministic: the same seed gives the same digest', () => {
    const a = run({ onLostNode: 'hang' }), b = run({ onLostNode: 'hang' });
    expect(a.digest).toBe(b.digest);
    expect(run().digest).not.toBe(a.digest);
  });
});
