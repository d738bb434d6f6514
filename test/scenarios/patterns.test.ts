import { beforeAll, describe, expect, it } from 'vitest';
import { runScenario, type RunResult } from '../../src/runner/run-scenario.js';
import { patternsConnectionRefused } from '../../scenarios/patterns/connection-refused.js';
import { patternsCascadingFailure } from '../../scenarios/patterns/cascading-failure.js';
import { patternsBreakerStates } from '../../scenarios/patterns/breaker-states.js';
import { patternsLatencySpike } from '../../scenarios/patterns/latency-spike.js';
import { patternsMemoryExhaustion } from '../../scenarios/patterns/memory-exhaustion.js';
import { patternsPoolExhaustion } from '../../scenarios/patterns/pool-exhaustion.js';
import { patternsDataCorruption } from '../../scenarios/patterns/data-corruption.js';
import { patternsMessageLoss } from '../../scenarios/patterns/message-loss.js';
import { patternsFailedDeployment } from '../../scenarios/patterns/failed-deployment.js';
import type { PatternsMetrics } from '../../scenarios/patterns/metrics.js';
import type { AnyScenario } from '../../src/scenario/scenario.js';
import { Session } from '../../src/tui/session/session.js';
import { CheckFailed, checkScenario } from '../../src/check/check-scenario.js';
import { sec } from '../../src/kernel/time.js';

const run = (s: AnyScenario, params: Record<string, unknown> = {}, seed = 42) => runScenario(s, { seed, params, timeline: false });
const metricsOf = (r: RunResult) => r.metrics as PatternsMetrics;

describe('patterns-connection-refused: 1,000 clients, 30 s of refused connections', () => {
  const policies = ['immediate', 'exponential', 'full-jitter', 'equal-jitter'] as const;
  const m: Partial<Record<(typeof policies)[number], PatternsMetrics>> = {};
  beforeAll(() => {
    for (const retry of policies) m[retry] = metricsOf(run(patternsConnectionRefused, { retry }));
  });

  it('immediate retry is the herd its closed form predicts, and every client gives up within a second', () => {
    const im = m.immediate!;
    expect(Math.abs(im.peakCallRatePerS - im.immediateHerdPerS) / im.immediateHerdPerS).toBeLessThan(0.05);
    expect([im.attemptsSent, im.failedCalls, im.liveAnswers]).toEqual([50_000, 1_000, 0]);
  });

  it('back-off without jitter is worst on work and on time (Brooker): its clients come back in waves the recovering service turns away', () => {
    const ex = m.exponential!, full = m['full-jitter']!, equal = m['equal-jitter']!;
    for (const jittered of [full, equal]) {
      expect(ex.lastLiveAnswerMs).toBeGreaterThan(3 * jittered.lastLiveAnswerMs);
      expect(ex.attemptsSent).toBeGreaterThan(1.2 * jittered.attemptsSent);
    }
    // Unlike Brooker's contention model, equal jitter, not full jitter, sends the fewest: in 30 s of refusals
    // the policy that never waits less than half its ceiling wastes fewer attempts.
    expect(equal.attemptsSent).toBeLessThan(full.attemptsSent);
    for (const p of policies.slice(1)) expect(m[p]!.failedCalls).toBe(0);
  });

  it('seed 001\'s own formula is equal jitter one doubling up: every delay in its ranges, none over 30 s; full jitter falls below them', () => {
    const eq = m['equal-jitter']!;
    expect(eq.retries).toBeGreaterThan(8_000);
    expect([eq.retryDelaysOffDocument, eq.retryDelayMaxMs <= 30_000]).toEqual([0, true]);
    expect(m['full-jitter']!.retryDelaysOffDocument).toBeGreaterThan(1_000);
  });
});

describe('Brooker\'s simulator reproduced: optimistic concurrency on one row, 50 clients, base 5 ms, cap 2 s', () => {
  // aws-arch-backoff-simulator: 50 clients start at once, read then write; a write fails if another committed since its read.
  const brooker = { contention: 'occ', clients: 50, clientSpreadMs: 0, maxAttempts: 1_000, serviceTimeMs: 0, retryBaseMs: 5, retryCapMs: 2_000, faultAtMs: 170_000 };
  const mean = (retry: string, key: 'attemptsSent' | 'lastLiveAnswerMs') => {
    let sum = 0;
    for (let seed = 1; seed <= 5; seed++) sum += metricsOf(run(patternsConnectionRefused, { ...brooker, retry }, seed))[key];
    return sum / 5;
  };

  it('calls: no jitter about 625, full jitter about 332 (the post\'s 50-client figures), within 15 %', () => {
    expect(Math.abs(mean('exponential', 'attemptsSent') - 625) / 625).toBeLessThan(0.15);
    expect(Math.abs(mean('full-jitter', 'attemptsSent') - 332) / 332).toBeLessThan(0.15);
  });

  it('time: no jitter takes an order of magnitude longer than full jitter', () => {
    expect(mean('exponential', 'lastLiveAnswerMs')).toBeGreaterThan(5 * mean('full-jitter', 'lastLiveAnswerMs'));
  });
});

describe('patterns-cascading-failure: Search slow behind the gateway', () => {
  it('with bulkheads only Search fails; with one shared pool Users and Orders fail too', () => {
    const on = metricsOf(run(patternsCascadingFailure));
    const off = metricsOf(run(patternsCascadingFailure, { bulkhead: 'off' }));
    expect(on.othersFailedRatio).toBe(0);
    expect(on.faultedFailedRatio).toBeGreaterThan(0.5);
    expect(off.othersFailedRatio).toBeGreaterThan(0.01);
  });

  it('the seed\'s thread pools contain it too, but a Search call can wait seconds in the pool\'s queue, past every timeout', () => {
    const pools = metricsOf(run(patternsCascadingFailure, { bulkheadType: 'thread-pool' }));
    expect(pools.othersFailedRatio).toBe(0);
    expect(pools.latencyMaxMs).toBeGreaterThan(5_000);
  });
});

describe('patterns-breaker-states and patterns-latency-spike (count-in-window: 5 failures in 30 s, open 60 s, one probe)', () => {
  it('the breaker walks seed 001\'s diagram at the instants the mechanism gives', () => {
    const r = runScenario(patternsBreakerStates, { seed: 42 });
    const steps = r.timeline.filter((l) => l.text.includes('->')).map((l) => [Math.round(l.tMs), l.text.replace(/.*: /, '').replace(/ \(.*/, '')]);
    // Opens on the 5th error after 10 s; half-open 60 s later; the probe fails while the errors last (until 100 s); the next probe succeeds.
    expect(steps.map((s) => s[1])).toEqual(['closed -> open', 'open -> half-open', 'half-open -> open', 'open -> half-open', 'half-open -> closed']);
    const [opened, half1, , half2] = steps.map((s) => s[0] as number);
    expect(opened).toBeGreaterThan(10_000);
    expect(opened).toBeLessThan(10_300);
    expect(half1! - opened!).toBe(60_000);
    expect(half2).toBeGreaterThan(100_000);
    expect(metricsOf(r).breakerWalkMatches).toBe(1);
  });

  it('a 2 s latency spike: every call bounded by connect + read timeout; the breaker opens once five reads have timed out', () => {
    const m = metricsOf(run(patternsLatencySpike));
    expect(m.latencyMaxMs).toBeLessThanOrEqual(500 + 2_000 + 30);
    // The first five calls after the spike start within ~0.1 s (50/s) and each ends at its read timeout, 2.02 s later.
    expect(m.breakerOpenAfterFaultMs).toBeGreaterThan(2_020);
    expect(m.breakerOpenAfterFaultMs).toBeLessThan(2_300);
    expect(m.answeredWhileOpenRatio).toBe(1);
  });
});

describe('patterns-memory-exhaustion: exports of 100,000 rows of 1 KiB in a 512 MiB container', () => {
  it('whole result sets: 128 MiB + 4 x 97.7 MiB passes the limit, so the fourth concurrent export OOM-kills the process, before any 15 s scrape could warn', () => {
    const m = metricsOf(run(patternsMemoryExhaustion));
    expect(m.oomKills).toBeGreaterThan(5);
    expect(m.memoryPeakPct).toBeCloseTo((100 * (134_217_728 + 4 * 102_400_000)) / 536_870_912, 6);
    expect(m.memoryAlertsBeforeOom).toBe(0);
  });

  it('pages or a stream buffer hold almost nothing: no OOM kill, and every export answered', () => {
    for (const resultSet of ['paginated', 'streamed']) {
      const m = metricsOf(run(patternsMemoryExhaustion, { resultSet }));
      expect([m.oomKills, m.failedCalls]).toEqual([0, 0]);
      expect(m.memoryPeakPct).toBeLessThan(26);
    }
  });
});

describe('patterns-pool-exhaustion: the seed\'s pool YAML as SQLAlchemy reads it', () => {
  it('caps at pool_size + max_overflow = 15, not max_size 20; the 80 % alert comes before the first checkout timeout', () => {
    const m = metricsOf(run(patternsPoolExhaustion));
    expect(m.poolPeakConnections).toBe(15);
    expect(m.poolTimeouts).toBeGreaterThan(500);
    expect(m.poolAcquireMaxMs).toBeCloseTo(30_000, -1);
    expect(m.poolAlertLeadMs).toBeGreaterThan(30_000);
  });

  it('after the restart, pre_ping reopens the dead connections; without it one statement fails and the Engine invalidates the rest', () => {
    const on = metricsOf(run(patternsPoolExhaustion));
    const off = metricsOf(run(patternsPoolExhaustion, { prePing: false }));
    expect([on.deadConnectionFailures, on.poolReconnects]).toEqual([0, 5]);
    expect(off.deadConnectionFailures).toBe(1);
  });

  it('a database crash while hundreds wait for a connection: the refusals end one by one, not in one call chain (was a stack overflow)', () => {
    const faults = [
      { at: 10_000_000, target: 'database', kind: 'slow', params: { factor: 25, healAfterMs: 60_000 } },
      { at: 60_000_000, target: 'database', kind: 'crash', params: { restartAfterMs: 5_000 } },
    ];
    const r = runScenario(patternsPoolExhaustion, { seed: 42, params: { prePing: false }, faults, timeline: false });
    // Times in µs (10 s and 60 s): at the crash about 2,000 requests wait for a connection.
    expect(metricsOf(r).calls).toBeGreaterThan(15_000);
    expect(metricsOf(r).poolTimeouts).toBeGreaterThan(300);
  });
});

describe('patterns in the TUI: panes show the breaker\'s state and the pool as they are mid-run', () => {
  it('breaker-states at 30 s: the breaker is open; pool-exhaustion at 40 s: the pool is full with a line', () => {
    const b = new Session({ scenario: patternsBreakerStates, seed: 42 });
    b.advanceTo(sec(30));
    const breakers = b.panes().find((p) => p.title.startsWith('breakers'))!;
    expect(breakers.rows).toEqual([['dependency', 'open', '1', '0', '0']]);
    const p = new Session({ scenario: patternsPoolExhaustion, seed: 42 });
    p.advanceTo(sec(40));
    const pool = p.panes().find((x) => x.title.startsWith('pool'))!;
    expect(pool.rows[0]).toEqual(['checked out / open / cap', '15 / 15 / 15']);
    expect(Number(pool.rows[1]![1]!.split(' ')[0])).toBeGreaterThan(1_000);
  });
});

describe('patterns-data-corruption: a day of writes, 1 % invalid, against four layers', () => {
  it('layers 1-3 stop what each can see; only the cross-record and silent kinds persist, and the hourly scan finds each within an interval and a scan', () => {
    const all = metricsOf(run(patternsDataCorruption));
    expect(all.rejectedL1 + all.rejectedL2 + all.rejectedL3 + all.corruptRowsPersisted).toBe(all.invalidWrites);
    expect(all.corruptRowsPersisted).toBeGreaterThan(0);
    expect([all.corruptRowsDetected, all.corruptRowsUndetectable]).toEqual([all.corruptRowsPersisted, 0]);
    expect(all.detectionDelayMaxMs).toBeLessThanOrEqual(3_600_000 + 60_000);
    // Poisson writes, hourly scans of 1 min: a row waits half an interval on average, plus the scan.
    expect(Math.abs(all.detectionDelayP50Ms - (1_800_000 + 60_000))).toBeLessThan(120_000);
  });

  it('without input validation the constraints catch most of it, but mass assignment gets through; without reconciliation nothing is ever found', () => {
    const all = metricsOf(run(patternsDataCorruption));
    const noL1 = metricsOf(run(patternsDataCorruption, { inputValidation: 'off' }));
    expect(noL1.rejectedL3).toBeGreaterThan(0.6 * all.rejectedL1);
    expect(noL1.corruptRowsPersisted).toBeGreaterThan(all.corruptRowsPersisted);
    const noL4 = metricsOf(run(patternsDataCorruption, { reconciliation: 'off' }));
    expect([noL4.corruptRowsDetected, noL4.corruptRowsUndetectable]).toEqual([0, all.corruptRowsPersisted]);
  });
});

describe('patterns-message-loss: the broker drops messages, goes down, and Service A crashes mid-batch', () => {
  it('outbox: nothing lost, the crashed batch delivered twice and absorbed; direct: the dropped and refused publishes are lost for good', () => {
    const outbox = metricsOf(run(patternsMessageLoss));
    expect([outbox.eventsLost, outbox.doubleApplied]).toEqual([0, 0]);
    expect(outbox.duplicatesDelivered).toBeGreaterThan(5);
    const direct = metricsOf(run(patternsMessageLoss, { publish: 'direct' }));
    expect(direct.eventsCreated).toBe(outbox.eventsCreated);
    expect(direct.eventsLost).toBeGreaterThan(300);
    expect(direct.duplicatesDelivered).toBe(0);
  });

  it('a consumer that is not idempotent applies each duplicate twice; a broker that drops after acking defeats the outbox too', () => {
    const outbox = metricsOf(run(patternsMessageLoss));
    expect(metricsOf(run(patternsMessageLoss, { idempotentConsumer: 'off' })).doubleApplied).toBe(outbox.duplicatesDelivered);
    expect(metricsOf(run(patternsMessageLoss, { brokerLoss: 'acked' })).eventsLost).toBeGreaterThan(100);
  });
});

describe('patterns-failed-deployment: v1.1 dies after 200 requests per process, after the blue-green switch', () => {
  it('compatible migration: the analysis trips at its first measurement, 10 s after the switch, and blue serves again 1 s later', () => {
    const m = metricsOf(run(patternsFailedDeployment));
    expect([m.deployRestored, m.deployDetectionMs, m.deployRestoredAfterSwitchMs]).toEqual([1, 10_000, 11_000]);
    // Those 10 s still cost clients more than the 1 % alert: retries cannot outlast three crashed instances restarting for 10 s.
    expect(m.failedCalls / m.calls).toBeGreaterThan(0.01);
  });

  it('incompatible migration: the rollback switches traffic back to a v1.0 that cannot read the new schema, and service is never restored', () => {
    const m = metricsOf(run(patternsFailedDeployment, { migration: 'incompatible' }));
    expect(m.deployRestored).toBe(0);
    expect(m.failedCalls / m.calls).toBeGreaterThan(0.5);
  });
});

describe('sim check on patterns-message-loss (20 runs each)', () => {
  it('with the outbox no fault schedule breaks exactly-once; a direct publish is broken by one shrunk broker fault', () => {
    expect(() => checkScenario(patternsMessageLoss, { runs: 20 })).not.toThrow();
    let failure: unknown;
    try { checkScenario(patternsMessageLoss, { runs: 20, params: { publish: 'direct' } }); } catch (e) { failure = e; }
    expect(failure).toBeInstanceOf(CheckFailed);
    const cx = (failure as CheckFailed).counterexample;
    expect(cx.faults).toHaveLength(1);
    expect(cx.faults[0]!.target).toBe('broker');
  });
});

describe('patterns-data-corruption with a buggy release (the bug fault)', () => {
  it('ten minutes of a bug corrupting 5 % of writes adds about 150 silent rows, every one found by the next scans', () => {
    const base = metricsOf(run(patternsDataCorruption));
    const faults = [{ at: 3_600_000_000, target: 'orders', kind: 'bug', params: { rate: 0.05, healAfterMs: 600_000 } }];
    const bug = metricsOf(runScenario(patternsDataCorruption, { seed: 42, faults, timeline: false }));
    // 600 s x 5 writes/s x 5 % = 150 expected; binomial sd about 12 (the workload's own draws are unchanged).
    expect(Math.abs(bug.corruptRowsPersisted - base.corruptRowsPersisted - 150)).toBeLessThan(50);
    expect([bug.corruptRowsDetected, bug.corruptRowsUndetectable]).toEqual([bug.corruptRowsPersisted, 0]);
  });
});

describe('every patterns scenario shows a pane for its components mid-run', () => {
  it('outbox, orders table, blue-green, memory and gateway panes at 90 s', () => {
    const cases: [AnyScenario, string][] = [
      [patternsMessageLoss, 'outbox'], [patternsDataCorruption, 'orders table'], [patternsFailedDeployment, 'blue-green'],
      [patternsMemoryExhaustion, 'dependency'], [patternsCascadingFailure, 'search'],
    ];
    for (const [scenario, title] of cases) {
      const s = new Session({ scenario, seed: 42 });
      s.advanceTo(sec(90));
      const pane = s.panes().find((p) => p.title.startsWith(title));
      expect(pane?.rows.length, scenario.id).toBeGreaterThanOrEqual(3);
    }
  });
});
