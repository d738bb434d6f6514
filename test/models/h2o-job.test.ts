import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ms, sec } from '../../src/kernel/index.js';
import { H2O_TIMEOUT_MS } from '../../models/h2o/cloud.js';
import { homeIndex } from '../../models/h2o/key-home.js';
import { H2ORecovery } from '../../models/h2o/recovery.js';
import { TrainingJob, type LostNodePolicy, type TrainingJobOptions } from '../../models/h2o/training-job.js';
import { h2oWorld, HOP } from './h2o-world.js';

const FORMED = sec(3) + HOP;
/** One iteration with one chunk per node: the leader's own chunk takes 1 s; a remote one 1 s plus a hop each way. */
const ROUND = sec(1) + 2 * HOP;
const GBM: TrainingJobOptions = { name: 'gbm', chunks: 3, iterations: 100, chunkComputeMs: 1000 };

/** Extra time of the final DKV.put of the model: nothing if its key is homed on the leader, else one round trip. */
function putTime(attempt: number, size = 3): number {
  return homeIndex(`gbm-model-${attempt}`, size) === 0 ? 0 : 2 * HOP;
}

function startJob(w: ReturnType<typeof h2oWorld>, options: TrainingJobOptions): TrainingJob {
  const job = new TrainingJob(w.sim, w.cloud, w.dkv, options);
  w.cloud.whenFormed(() => job.start());
  return job;
}

describe('H2O training job', () => {
  it('with no faults it completes with all the data at formation + iterations x round + the model put', () => {
    const w = h2oWorld(3);
    w.cloud.startAll();
    const job = startJob(w, { ...GBM, iterations: 5 });
    w.sim.run(sec(60));
    expect(job.state).toBe('completed');
    expect(job.dataFraction).toBe(1);
    expect(job.startedAt).toBe(FORMED);
    expect(job.endedAt).toBe(FORMED + 5 * ROUND + putTime(1));
    expect(w.cloud.isLocked).toBe(true);
    expect(w.kinds('job-completed').map((r) => [r.t, r.data?.['dataFraction']])).toEqual([[job.endedAt, 1]]);
  });

  it('a partition of one node mid-training fails the job exactly at the heartbeat timeout', () => {
    const w = h2oWorld(3);
    w.cloud.startAll();
    const job = startJob(w, GBM);
    w.sim.at(ms(10_200), () => w.net.isolate('h2o-2'));
    const lostAt = sec(10) + HOP + ms(H2O_TIMEOUT_MS);
    w.sim.run(lostAt - 1);
    expect(job.state).toBe('running');
    w.sim.run(lostAt);
    expect(job.state).toBe('failed');
    expect(job.endedAt).toBe(lostAt);
    expect(job.lostNode).toBe('h2o-2');
    expect(w.kinds('job-failed').map((r) => [r.t, r.data?.['reason'], r.data?.['node']])).toEqual([[lostAt, 'node-lost', 'h2o-2']]);
  });

  it("'hang' (H2O's own RPC: resend for ever) waits out the partition and completes with all data once healed", () => {
    const w = h2oWorld(3);
    w.cloud.startAll();
    const job = startJob(w, { ...GBM, iterations: 20, onLostNode: 'hang' });
    w.sim.at(ms(10_200), () => w.net.isolate('h2o-2'));
    w.sim.at(sec(90), () => w.net.heal());
    w.sim.run(sec(89));
    expect(job.state).toBe('running');
    w.sim.run(sec(400));
    expect(job.state).toBe('completed');
    expect(job.dataFraction).toBe(1);
    expect(job.endedAt).toBeGreaterThan(sec(90));
  });

  it("'hang' with a partition that never heals never ends (no exception for the seed's except to catch)", () => {
    const w = h2oWorld(3);
    w.cloud.startAll();
    const job = startJob(w, { ...GBM, onLostNode: 'hang' });
    w.sim.at(ms(10_200), () => w.net.isolate('h2o-2'));
    w.sim.run(sec(600));
    expect(job.state).toBe('running');
    expect(job.endedAt).toBe(-1);
  });

  it("'partial' (the seed's claim) drops the lost node's chunks at the timeout and says so: 2/3 of the data", () => {
    const w = h2oWorld(3);
    w.cloud.startAll();
    const partial = startJob(w, { ...GBM, onLostNode: 'partial' });
    w.sim.at(ms(10_200), () => w.net.isolate('h2o-2'));
    w.sim.run(sec(400));
    // Rounds 0-6 finish by 10.0075 s; round 7 waits on h2o-2 until it is lost at 70.0005 s, then 92 rounds
    // of two nodes follow. The model key gbm-model-1 is homed on h2o-1, one round trip away.
    const lostAt = sec(10) + HOP + ms(H2O_TIMEOUT_MS);
    expect(homeIndex('gbm-model-1', 3)).toBe(1);
    expect(partial.state).toBe('partial');
    expect(partial.dataFraction).toBeCloseTo(2 / 3, 12);
    expect(partial.endedAt).toBe(lostAt + 92 * ROUND + 2 * HOP);
    expect(w.kinds('job-partial').map((r) => r.data?.['lost'])).toEqual(['h2o-2']);
  });
});

describe('H2O recovery (the seed retry block)', () => {
  it('restarts the cluster on failure and retrains: the good model at a worked-out time', () => {
    const w = h2oWorld(3);
    w.cloud.startAll();
    const rec = new H2ORecovery(w.sim, w.cloud, w.dkv, GBM, { restartMs: 30_000 });
    rec.start();
    w.sim.at(ms(10_200), () => w.net.isolate('h2o-2'));
    w.sim.at(sec(75), () => w.net.heal());
    w.sim.run(sec(400));
    const lostAt = sec(10) + HOP + ms(H2O_TIMEOUT_MS);
    // Pods down at lostAt, JVMs up 30 s later, a cloud three heartbeats later, then 100 rounds and the put.
    const reformed = lostAt + sec(30) + FORMED;
    expect(w.kinds('formed').map((r) => r.t)).toEqual([FORMED, reformed]);
    expect(rec.state).toBe('good-model');
    expect(rec.attempts).toBe(2);
    expect(rec.restarts).toBe(1);
    expect(rec.goodModelAt).toBe(reformed + 100 * ROUND + putTime(2));
    expect(rec.timeToGoodModelMs).toBe(rec.goodModelAt / 1000);
    expect(w.kinds('cluster-restart').map((r) => r.t)).toEqual([lostAt]);
  });

  it('with an expected count, a partition outlasting the restart leaves the retry waiting for a full cloud', () => {
    const w = h2oWorld(3, { expectedSize: 3 });
    w.cloud.startAll();
    const rec = new H2ORecovery(w.sim, w.cloud, w.dkv, GBM, { restartMs: 30_000, maxAttempts: 2 });
    rec.start();
    w.sim.at(ms(10_200), () => w.net.isolate('h2o-2'));
    w.sim.run(sec(600));
    // The restarted nodes cannot reach h2o-2, so a 3-node cloud never forms: the second try waits for ever.
    expect(rec.restarts).toBe(1);
    expect(rec.state).toBe('waiting');
    expect(rec.timeToGoodModelMs).toBe(-1);
  });
});

describe('H2O recovery limits', () => {
  it('gives up when the attempts are used up: one try only', () => {
    const w = h2oWorld(3);
    w.cloud.startAll();
    const rec = new H2ORecovery(w.sim, w.cloud, w.dkv, GBM, { restartMs: 30_000, maxAttempts: 1 });
    rec.start();
    w.sim.at(ms(10_200), () => w.net.isolate('h2o-2'));
    w.sim.run(sec(300));
    const lostAt = sec(10) + HOP + ms(H2O_TIMEOUT_MS);
    expect(rec.state).toBe('gave-up');
    expect(rec.restarts).toBe(0);
    expect(w.kinds('gave-up').map((r) => [r.t, r.data?.['attempts']])).toEqual([[lostAt, 1]]);
  });

  it('without an expected count the restarted cloud forms without the cut-off node (size 2) and trains on it', () => {
    const w = h2oWorld(3);
    w.cloud.startAll();
    const rec = new H2ORecovery(w.sim, w.cloud, w.dkv, GBM, { restartMs: 30_000 });
    rec.start();
    w.sim.at(ms(10_200), () => w.net.isolate('h2o-2'));
    w.sim.run(sec(400));
    expect(w.kinds('formed').map((r) => r.data?.['size'])).toEqual([3, 2]);
    expect(rec.state).toBe('good-model');
    expect(rec.job?.dataFraction).toBe(1);
  });
});

describe('H2O job properties', () => {
  it('with no faults every job completes with all of its data', () => {
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 1e6 }),
      (n, chunks, iterations, chunkComputeMs, seed) => {
        const w = h2oWorld(n, {}, seed, false);
        w.cloud.startAll();
        const job = startJob(w, { chunks, iterations, chunkComputeMs });
        w.sim.run(sec(120));
        return job.state === 'completed' && job.dataFraction === 1 && w.cloud.size === n;
      },
    ), { numRuns: 60 });
  });

  it('a partition outlasting the timeout never yields a complete-looking model missing data', () => {
    const policies: LostNodePolicy[] = ['fail', 'partial'];
    fc.assert(fc.property(
      fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 4_000, max: 40_000 }), fc.constantFrom(...policies), fc.integer({ min: 1, max: 1e6 }),
      (n, victimIndex, cutMs, onLostNode, seed) => {
        const w = h2oWorld(n, {}, seed, false);
        w.cloud.startAll();
        // At least one chunk per node (the first trip round the cloud), 100 rounds of 0.5 s: still running at the cut.
        const job = startJob(w, { chunks: n, iterations: 100, chunkComputeMs: 500, onLostNode });
        const victim = w.nodes[victimIndex % n]!;
        w.sim.at(ms(cutMs), () => w.net.isolate(victim));
        w.sim.run(sec(400));
        if (job.state === 'completed' || job.state === 'running' || job.state === 'pending') return false;
        if (job.state === 'partial' && !(job.dataFraction < 1)) return false;
        // Failed under 'fail': within a heartbeat (+ latency) of cut + TIMEOUT.
        if (onLostNode === 'fail') return job.endedAt > ms(cutMs) + sec(59) - ms(5) && job.endedAt <= ms(cutMs) + sec(60);
        return true;
      },
    ), { numRuns: 40 });
  });
});
