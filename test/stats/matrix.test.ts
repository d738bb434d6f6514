import { describe, expect, it } from 'vitest';
import { failureMatrix, formatMatrix } from '../../src/stats/index.js';
import { makeRecords } from './make-records.js';

// flux-kafka-down: a third of the runs lose orders and need a manual step; run 5 never recovers.
const kafka = makeRecords(30, (i) => ({
  acceptedOrdersLost: i % 3 === 0 ? 90 : 0,
  manualStepNeeded: i % 3 === 0 ? 1 : 0,
  timeToRecoverMs: i === 5 ? null : 20_000 + i * 100,
}), undefined, { scenario: 'flux-kafka-down' });
// flux-worker-crash: never loses anything, always recovers by itself.
const worker = makeRecords(40, (i) => ({ acceptedOrdersLost: 0, manualStepNeeded: 0, timeToRecoverMs: 45_000 + i }), undefined, { scenario: 'flux-worker-crash' });
// flux-redis-down: the operator always restarts Redis.
const redis = makeRecords(20, () => ({ acceptedOrdersLost: 0, manualStepNeeded: 1, timeToRecoverMs: 30_000 }), undefined, { scenario: 'flux-redis-down' });
// scenario-a (Patroni): acknowledged writes, write downtime, no manual-step metric.
const patroni = makeRecords(50, (i) => ({ ackedWritesLost: 0, writeDowntimeMs: 24_000 + i * 10 }), undefined, { scenario: 'scenario-a' });

describe('failureMatrix', () => {
  const rows = failureMatrix([
    { id: 'flux-kafka-down', title: 'Kafka down', records: kafka },
    { id: 'flux-worker-crash', title: 'Worker crash', records: worker },
    { id: 'flux-redis-down', title: 'Redis down', records: redis },
    { id: 'scenario-a', title: 'Primary failure', records: patroni },
  ]);

  it('measures the data-loss, auto-recover and manual-action rates with intervals', () => {
    const [k, w, r, a] = rows;
    expect(k!.dataLoss).toMatchObject({ metric: 'acceptedOrdersLost', count: 10, runs: 30 });
    expect(k!.dataLoss!.rate).toBeCloseTo(1 / 3, 12);
    expect(k!.autoRecover).toMatchObject({ count: 20, runs: 30 });
    expect(k!.manualAction).toMatchObject({ count: 10, runs: 30 });
    expect(w!.dataLoss).toMatchObject({ count: 0, runs: 40, ruleOfThreeBound: 0.075 });
    expect(w!.autoRecover).toMatchObject({ count: 40, runs: 40 });
    expect(r!.autoRecover).toMatchObject({ count: 0, runs: 20 });
    expect(a!.dataLoss).toMatchObject({ metric: 'ackedWritesLost', count: 0, runs: 50 });
    expect(a!.autoRecover).toBeNull();
    expect(a!.manualAction).toBeNull();
  });

  it('takes downtime from timeToRecoverMs or writeDowntimeMs, a run that never recovered ranking last', () => {
    const [k, , , a] = rows;
    expect(k!.downtime).toEqual({ metric: 'timeToRecoverMs', n: 30, unrecovered: 1, p50: 21_500, p99: null });
    expect(a!.downtime).toEqual({ metric: 'writeDowntimeMs', n: 50, unrecovered: 0, p50: 24_240, p99: 24_490 });
  });

  it('formats the seed document\'s matrix with measured values', () => {
    const text = formatMatrix(rows);
    const line = (id: string) => text.split('\n').find((l) => l.trimStart().startsWith(id))!;
    expect(text).toMatch(/failure\s+runs\s+data loss\?\s+auto-recover\?\s+manual action\?\s+downtime p50 \/ p99/);
    expect(line('flux-kafka-down')).toMatch(/30\s+yes 33\.3% \[19\.2%, 51\.2%\]\s+partial 66\.7% \[48\.8%, 80\.8%\]\s+yes 33\.3% \[19\.2%, 51\.2%\]\s+21\.5s \/ no recovery$/);
    expect(line('flux-worker-crash')).toMatch(/40\s+no \(0 of 40; < 7\.5%\)\s+yes \(40 of 40\)\s+none \(0 of 40; < 7\.5%\)\s+45\.0s \/ 45\.0s$/);
    expect(line('flux-redis-down')).toMatch(/no \(0 of 20; < 15\.0%\)\s+no \(0 of 20\)\s+yes 100\.0% \[83\.9%, 100\.0%\]/);
    expect(line('scenario-a')).toMatch(/no \(0 of 50; < 6\.0%\)\s+n\/a\s+n\/a\s+24\.2s \/ 24\.5s$/);
    expect(text).not.toMatch(/ \n/);
  });

  it('refuses a row whose runs cannot be pooled', () => {
    expect(() => failureMatrix([{ id: 'x', title: 'x', records: [] }])).toThrow(/matrix row x: no runs/);
  });
});
