import { describe, expect, it } from 'vitest';
import { ms, sec, Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { BlueGreen } from '../../models/deploy/blue-green.js';
import type { BlueGreenOptions } from '../../models/deploy/blue-green-options.js';
import type { DeployRecord } from '../../models/deploy/deploy-events.js';
import { release } from '../../models/deploy/release.js';
import type { ServiceReply } from '../../models/service/service.js';
import type { GenericService } from '../../models/service/service.js';
import { ResilientCaller } from '../../models/resilience/resilient-caller.js';
import type { CallResult } from '../../models/resilience/call-result.js';
import type { RetryPolicy } from '../../models/retry/retry-policy.js';
import { startPoissonArrivals } from '../../models/client/workload.js';

/**
 * The hand-worked setting: one instance per colour serving in a constant
 * 10 ms with room for all, a request every 100 ms at 0.05 s, 0.15 s, ...
 * (never on a whole second, where the pipeline's steps fall), deployMs 20 s,
 * switch and switch back 1 s, the trigger every 10 s over 30 s at > 5 %.
 */
function setup(o: Partial<BlueGreenOptions> = {}, untilS = 150) {
  const sim = new Simulation({ seed: 11 });
  const bg = new BlueGreen(sim, 'app', { replicas: 1, service: { workers: 100, serviceTimeMs: 10, serviceTimeDistribution: 'constant' }, ...o });
  const records: DeployRecord[] = [];
  sim.trace.addSink({ record: (rec: TraceRecord) => { if (rec.source === 'app') records.push(rec as DeployRecord); } });
  const replies: { sentAt: number; at: number; reply: ServiceReply }[] = [];
  for (let t = ms(50); t < sec(untilS); t += ms(100)) {
    sim.at(t, () => { const sentAt = sim.now; bg.arrive({ answer: (reply) => replies.push({ sentAt, at: sim.now, reply }) }); });
  }
  const deploy = (atS: number, params: Record<string, unknown>) => sim.faults.schedule([{ at: sec(atS), target: 'app', kind: 'deploy', params }]);
  const timeline = () => records.map((r) => `${r.t / 1e6} ${r.kind}`);
  const failedSent = (fromS: number, toS: number) => replies.filter((r) => r.reply !== 'ok' && r.sentAt >= sec(fromS) && r.sentAt < sec(toS)).length;
  return { sim, bg, records, replies, deploy, timeline, failedSent, run: () => sim.run(sec(untilS)) };
}

describe('blue-green: a v1.1 that fails in production, no migration (hand-worked)', () => {
  it('deploy 60 s, switch 81 s, the trigger at 91 s (its first measurement with an answer), traffic back on blue at 92 s', () => {
    const t = setup();
    t.deploy(60, { defect: 'error-rate', errorRate: 1 });
    t.run();
    // Green starts 60 + 20 s = 80 s; switch 1 s; first measurement at 81 s sees no green answer (inconclusive);
    // at 91 s the window (61, 91] holds green's 100 answers (81.06 ... 90.96 s), all failed.
    expect(t.timeline()).toEqual(['60 deploy-start', '81 switched', '91 measurement-failed', '91 rollback-triggered', '92 rolled-back', '92 restored']);
    const d = t.bg.deployments[0]!;
    expect([d.switchedAt, d.triggeredAt, d.rolledBackAt, d.restoredAt]).toEqual([sec(81), sec(91), sec(92), sec(92)]);
    expect([d.detectionUs, d.rollbackUs, d.outcome]).toEqual([sec(10), sec(11), 'rolled-back']);
    // Requests sent 81.05 ... 91.95 s went to green: 110, all failed; none before the switch, none after 92 s.
    expect([d.requestsAfterSwitch, d.failedAfterSwitch, d.failedBeforeSwitch]).toEqual([110, 110, 0]);
    expect([t.failedSent(0, 81), t.failedSent(81, 92), t.failedSent(92, 150), t.bg.failed]).toEqual([0, 110, 0, 110]);
    expect(t.records.find((r) => r.kind === 'rollback-triggered')?.data).toEqual({ errors: 100, requests: 100, afterSwitchMs: 10_000 });
    expect([t.bg.live, t.bg.liveRelease.name]).toEqual(['blue', 'v1.0']);
  });

  it('crash after 50 requests: the window decides when; at > 60 % it fires at 101 s, not 91 s', () => {
    const t = setup({ analysis: { intervalMs: 10_000, windowMs: 30_000, maxErrorRate: 0.6, minRequests: 1, failureLimit: 0 } });
    t.deploy(60, { defect: 'crash-after-requests', crashAfterRequests: 50 });
    t.run();
    // Green answers 50 (81.06 ... 85.96 s), dies with the 50th, then refuses from 86.05 s.
    // 91 s: (61, 91] = 50 ok + 50 refused = 50 % (passes); 101 s: (71, 101] = 50 ok + 150 refused = 75 %.
    const d = t.bg.deployments[0]!;
    expect([d.triggeredAt, d.rolledBackAt, d.restoredAt]).toEqual([sec(101), sec(102), sec(102)]);
    expect(t.records.find((r) => r.kind === 'rollback-triggered')?.data).toEqual({ errors: 150, requests: 200, afterSwitchMs: 20_000 });
    // Sent 81.05 ... 101.95 s: 210 to green, the first 50 served.
    expect([d.requestsAfterSwitch, d.failedAfterSwitch, t.bg.failed]).toEqual([210, 160, 160]);
    expect(t.replies.filter((r) => r.reply === 'refused').length).toBe(160);
    expect(t.bg.green.defectCrashes).toBe(1);
  });

  it('the same crash at the default 5 % fires at 91 s', () => {
    const t = setup();
    t.deploy(60, { defect: 'crash-after-requests', crashAfterRequests: 50 });
    t.run();
    const d = t.bg.deployments[0]!;
    expect([d.triggeredAt, d.failedAfterSwitch]).toEqual([sec(91), 110 - 50]);
  });

  it('a v1.1 that crashes on start never takes traffic: not ready at 80 s, aborted, nothing fails', () => {
    const t = setup();
    t.deploy(60, { defect: 'crash-on-start' });
    t.run();
    expect(t.timeline()).toEqual(['60 deploy-start', '80 deploy-aborted']);
    expect(t.records[1]!.data).toEqual({ release: 'v1.1', reason: 'not ready: 0 of 1 instances running' });
    expect([t.bg.live, t.bg.failed, t.bg.deployments[0]!.outcome]).toEqual(['blue', 0, 'aborted']);
  });

  it('a healthy v1.1: no rollback, nothing fails; blue is scaled down scaleDownDelay after the switch', () => {
    const t = setup({ scaleDownDelayMs: 30_000 });
    t.deploy(60, {});
    t.run();
    expect(t.timeline()).toEqual(['60 deploy-start', '81 switched', '111 promoted']);
    expect([t.bg.failed, t.bg.requests, t.bg.live, t.bg.blue.running]).toEqual([0, 1500, 'green', 0]);
    expect(t.bg.deployments[0]!.outcome).toBe('promoted');
  });
});

describe('blue-green with a schema migration (hand-worked)', () => {
  it('backward compatible (expand): blue keeps working on schema 2, so the rollback restores service at 92 s', () => {
    const t = setup();
    t.deploy(60, { defect: 'error-rate', errorRate: 1, migration: 'compatible' });
    t.run();
    expect(t.timeline()).toEqual(['60 deploy-start', '65 migrated', '81 switched', '91 measurement-failed', '91 rollback-triggered', '92 rolled-back', '92 restored']);
    const d = t.bg.deployments[0]!;
    expect([t.bg.schema.version, d.failedBeforeSwitch, d.failedAfterSwitch, t.bg.failed]).toEqual([2, 0, 110, 110]);
  });

  it('incompatible and irreversible: blue breaks at 65 s, the rollback at 92 s fails, errors never stop', () => {
    const t = setup();
    t.deploy(60, { defect: 'error-rate', errorRate: 1, migration: 'incompatible' });
    t.run();
    expect(t.timeline()).toEqual(['60 deploy-start', '65 migrated', '81 switched', '91 measurement-failed', '91 rollback-triggered', '92 rolled-back', '92 rollback-failed']);
    const d = t.bg.deployments[0]!;
    // Blue's answers from 65.06 s are errors: sent 65.05 ... 80.95 s = 160 before the switch; after it, all 690 to 150 s.
    expect([d.failedBeforeSwitch, d.requestsAfterSwitch, d.failedAfterSwitch, d.restored, d.outcome]).toEqual([160, 690, 690, false, 'rollback-failed']);
    expect([t.failedSent(0, 65), t.failedSent(140, 150), t.bg.blue.schemaErrors]).toEqual([0, 100, 160 + 580]);
    expect(t.records.at(-1)!.data).toEqual({ release: 'v1.0', schema: 2, reason: 'the migration destroyed data and cannot be reverted' });
  });

  it('incompatible but revertible in 10 s: reverted at 101 s, service restored then, not at the switch back', () => {
    const t = setup();
    t.deploy(60, { defect: 'error-rate', errorRate: 1, migration: 'incompatible', revertMs: 10_000 });
    t.run();
    expect(t.timeline()).toEqual(['60 deploy-start', '65 migrated', '81 switched', '91 measurement-failed', '91 rollback-triggered', '92 rolled-back', '101 migration-reverted', '101 restored']);
    const d = t.bg.deployments[0]!;
    expect([d.rolledBackAt, d.revertedAt, d.restoredAt, t.bg.schema.version]).toEqual([sec(92), sec(101), sec(101), 1]);
    // Sent 81.05 ... 100.95 s: 200, all failed (green, then blue on schema 2 until 101 s); none after.
    expect([d.failedBeforeSwitch, d.requestsAfterSwitch, d.failedAfterSwitch, t.failedSent(101, 150)]).toEqual([160, 200, 200, 0]);
  });

  it('a healthy v1.1 with an incompatible migration: no rollback, but blue fails from the migration to the switch', () => {
    const t = setup();
    t.deploy(60, { migration: 'incompatible' });
    t.run();
    expect(t.timeline()).toEqual(['60 deploy-start', '65 migrated', '81 switched']);
    const d = t.bg.deployments[0]!;
    expect([d.failedBeforeSwitch, d.failedAfterSwitch, t.bg.failed]).toEqual([160, 0, 160]);
  });

  it('after a failed rollback a fix-forward release written for schema 2 restores service', () => {
    const t = setup();
    t.deploy(60, { defect: 'error-rate', errorRate: 1, migration: 'incompatible' });
    t.sim.at(sec(100), () => t.bg.deploy(release('v1.1.1', [2])));
    t.run();
    // v1.1.1 goes to green (idle since the rollback) at 100 s, runs at 120 s, takes traffic at 121 s.
    expect(t.timeline().slice(-2)).toEqual(['100 deploy-start', '121 switched']);
    expect([t.failedSent(81, 121), t.failedSent(121, 150)]).toEqual([400, 0]);
  });
});

describe('blue-green pipeline details', () => {
  it('a smoke check shorter than the crash count passes; one reaching it aborts the deploy', () => {
    const passes = setup({ smokeRequests: 5 });
    passes.deploy(60, { defect: 'crash-after-requests', crashAfterRequests: 50 });
    passes.run();
    // Smoke answered at 80.01 s, switch at 81.01 s; the 5 smoke requests count, so green dies with its
    // 45th production request (sent 85.45 s); measurements at 81.01 (empty) and 91.01 s (failed).
    const p = passes.bg.deployments[0]!;
    expect([p.switchedAt, p.triggeredAt, p.rolledBackAt]).toEqual([sec(81) + ms(10), sec(91) + ms(10), sec(92) + ms(10)]);
    expect([p.requestsAfterSwitch, p.failedAfterSwitch]).toEqual([110, 110 - 45]);
    const caught = setup({ smokeRequests: 5, service: { workers: 1, serviceTimeMs: 10, serviceTimeDistribution: 'constant' } });
    caught.deploy(60, { defect: 'crash-after-requests', crashAfterRequests: 3 });
    caught.run();
    // One worker: answers at 80.01, 80.02, 80.03 s; the 3rd kills the process with the 4th in service and the 5th queued.
    expect(caught.timeline()).toEqual(['60 deploy-start', '80.03 deploy-aborted']);
    expect(caught.records[1]!.data).toEqual({ release: 'v1.1', reason: 'smoke check: 2 of 5 requests failed' });
    expect(caught.bg.failed).toBe(0);
  });

  it('a deploy during another is rejected; failureLimit 2 needs three failed measurements', () => {
    const t = setup({ analysis: { intervalMs: 10_000, windowMs: 30_000, maxErrorRate: 0.05, minRequests: 1, failureLimit: 2 } });
    t.deploy(60, { defect: 'error-rate', errorRate: 1 });
    t.deploy(70, { release: 'v1.2' });
    t.run();
    expect(t.timeline()).toEqual(['60 deploy-start', '70 deploy-rejected', '81 switched', '91 measurement-failed', '101 measurement-failed',
      '111 measurement-failed', '111 rollback-triggered', '112 rolled-back', '112 restored']);
    expect(t.bg.deployments[0]!.failedAfterSwitch).toBe(310);
  });

  it('serves a ResilientCaller with Poisson traffic; every failed call ends between the switch and the restore', () => {
    const sim = new Simulation({ seed: 5 });
    const bg = new BlueGreen(sim, 'app', { replicas: 2 });
    const once: RetryPolicy = { kind: 'fixed', maxAttempts: 1, options: {} as RetryPolicy['options'], delayBefore: (n) => (n === 1 ? 0 : null) };
    const caller = new ResilientCaller(sim, 'client', bg as unknown as GenericService, { retry: once });
    const results: CallResult[] = [];
    startPoissonArrivals(sim, sim.rng('arrivals'), 50, sec(120), () => caller.call((r) => results.push(r)));
    sim.faults.schedule([{ at: sec(30), target: 'app', kind: 'deploy', params: { defect: 'error-rate', errorRate: 0.5 } }]);
    sim.run(sec(130));
    const d = bg.deployments[0]!;
    const failed = results.filter((r) => !r.ok);
    expect(d.restored).toBe(true);
    expect([failed.length, d.failedBeforeSwitch]).toEqual([d.failedAfterSwitch, 0]);
    expect(failed.length).toBe(bg.failed);
    expect(failed.length).toBeGreaterThan(100); // about half of green's 10 s (plus the switch back) of traffic
    expect(failed.every((r) => r.endedAt >= d.switchedAt && r.endedAt <= d.restoredAt + sec(1))).toBe(true);
    expect(results.length).toBeGreaterThan(5_500);
  });
});
