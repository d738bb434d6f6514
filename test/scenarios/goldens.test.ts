import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/run-scenario.js';
import { scenarios } from '../../scenarios/index.js';

/**
 * Every built-in scenario at seed 42 with its defaults: trace digest, events,
 * trace records and a hash of its metrics. A refactoring must leave this
 * table as it is; a model change updates it on purpose (say so in the commit).
 */
const GOLDEN: Record<string, readonly [digest: string, events: number, traceRecords: number, metrics: string]> = {
  'scenario-a': ['932c49d6ac33725c', 192616, 7623, '2f51aaa185f7996b'],
  'flux-redis-down': ['c9d52c51601d53b1', 25026, 618, '1b73b193324a9e8a'],
  'flux-redis-oom': ['2d4e43b8c8197bfb', 27992, 1015, '08c872f1e5850bba'],
  'flux-kafka-down': ['536770f5f01c9201', 25420, 486, 'b56f4b2c22b0a40c'],
  'flux-kafka-lag': ['c5418461a3eb9158', 30892, 602, '18af687a10bea55d'],
  'flux-worker-crash': ['8145e605e99d6e8f', 22519, 310, 'e5fdd272b4cd424b'],
  'flux-worker-oom': ['27862dd6a787a098', 22447, 318, 'e5fdd272b4cd424b'],
  'flux-pg-down': ['6797f11a618fd271', 23282, 305, 'f3291fbcf6b5cb59'],
  'flux-pool-exhausted': ['1c8dc04a4252cedc', 21872, 394, '03ae28f827108375'],
  'flux-api-crash': ['46971710f7a19d1b', 25084, 309, '145c987814440589'],
  'flux-redis-pg-mismatch': ['cbe4c9bd41c583b6', 16661, 491, 'ea74bf9688fddb39'],
  'flux-partition': ['40c9870894294c41', 25338, 354, 'f56668bc2072cc34'],
};

describe('golden runs of every built-in scenario (seed 42, defaults)', () => {
  it('covers exactly the built-in scenarios', () => {
    expect(scenarios.map((s) => s.id).sort()).toEqual(Object.keys(GOLDEN).sort());
  });

  it.each(scenarios.map((s) => [s.id, s] as const))('%s', (id, scenario) => {
    const r = runScenario(scenario, { seed: 42 });
    const metrics = createHash('sha256').update(JSON.stringify(r.metrics)).digest('hex').slice(0, 16);
    expect([r.digest, r.events, r.traceRecords, metrics]).toEqual(GOLDEN[id]);
  });
});
