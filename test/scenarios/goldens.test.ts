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
  'scenario-a': ['88650c29947bcbf4', 88640, 7624, '273b141356dc10c7'],
  'scenario-b': ['811c9dc56c62272e', 36220, 0, '121708df7fa0a857'],
  'scenario-c': ['5cbab173d58902c4', 119287, 16, '122f5d5affc9f67b'],
  'scenario-d': ['36a940e2d784383e', 6007, 25, '8398cf3ad37cf320'],
  'flux-redis-down': ['fa40c0d5bc2854dc', 23638, 618, '0b51a22b60b49d6a'],
  'flux-redis-oom': ['0a0f414373e58b5a', 26479, 1015, 'f3a191de7e6a12e8'],
  'flux-kafka-down': ['d3a731705f83ff7d', 24379, 485, '26313c83bf769425'],
  'flux-kafka-lag': ['0933a870acaa3353', 27932, 602, '8f6edcbb17180c1b'],
  'flux-worker-crash': ['f3d864c6b48d385c', 21338, 310, 'e5fdd272b4cd424b'],
  'flux-worker-oom': ['8458729b362188d1', 21265, 318, 'e5fdd272b4cd424b'],
  'flux-pg-down': ['35bdb184bd100da2', 22061, 305, 'f3291fbcf6b5cb59'],
  'flux-pool-exhausted': ['ff1ed054606a5688', 20505, 380, 'e16be355d8bb4949'],
  'flux-api-crash': ['4df1ab013140c096', 23900, 309, '050792a0847f0572'],
  'flux-redis-pg-mismatch': ['4da13d0cdf4ec97f', 15221, 487, 'd5dd793b48db3ef3'],
  'flux-partition': ['d07ffc64dea0a26a', 24108, 354, 'df9192918c816935'],
  'patterns-latency-spike': ['79e11c42d050dc0b', 39109, 10, '7a49c2820fa7e7d1'],
  'patterns-connection-refused': ['e298b26825475810', 28032, 3, '62d336be4b4152ad'],
  'patterns-message-loss': ['60a9129e012a4d50', 22117, 12, 'c0a4d0d8d7ab6852'],
  'patterns-data-corruption': ['29f037849d848bc7', 396160, 23, '39b14a6c79e42fbd'],
  'patterns-cascading-failure': ['31e68e61db84cbcb', 163752, 8, 'd7eb1fc3280ff6c1'],
  'patterns-breaker-states': ['9d2b9ee0bd830268', 29882, 17, '69714ca0f8b5399c'],
  'patterns-memory-exhaustion': ['51b38ebca41c8d5e', 1654, 54, '2a6ae6f036d816e9'],
  'patterns-pool-exhaustion': ['36064817c36bc775', 71312, 14, 'b500aca59bf43249'],
  'patterns-failed-deployment': ['34b4917c8638b8e9', 98527, 20, 'cccbbf0874d1a415'],
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
