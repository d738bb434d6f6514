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
  'scenario-b': ['811c9dc56c62272e', 21061, 0, '121708df7fa0a857'],
  'scenario-c': ['5cbab173d58902c4', 119287, 16, '122f5d5affc9f67b'],
  'scenario-d': ['36a940e2d784383e', 6007, 25, '8398cf3ad37cf320'],
  'flux-redis-down': ['0cc01c48c2c48d5a', 11270, 618, '0b51a22b60b49d6a'],
  'flux-redis-oom': ['9b94673fdb9cd7f1', 12054, 1015, 'c77219c9ef463c86'],
  'flux-kafka-down': ['1e1d7aaf4fcbbf70', 11771, 485, '3e0e7187d365385d'],
  'flux-kafka-lag': ['0241ac9160b6104a', 16918, 602, '8f6edcbb17180c1b'],
  'flux-worker-crash': ['b5c3715387e27941', 10773, 310, 'e5fdd272b4cd424b'],
  'flux-worker-oom': ['2c8c7cfa1ae273aa', 10758, 318, 'e5fdd272b4cd424b'],
  'flux-pg-down': ['e04ab4f7d7e7f5d0', 11228, 305, 'f3291fbcf6b5cb59'],
  'flux-pool-exhausted': ['e5d71a3d417dad5f', 11328, 382, 'e3c3c93a030f49d5'],
  'flux-api-crash': ['215d3e7ea1c5d2dd', 11779, 309, '90ed209b83287763'],
  'flux-redis-pg-mismatch': ['719169fc2fb65941', 8765, 487, 'd5dd793b48db3ef3'],
  'flux-partition': ['a7f26f3b38f0e0ca', 11860, 354, '312ae6f43969dfdb'],
  'patterns-latency-spike': ['79e11c42d050dc0b', 39109, 10, '7a49c2820fa7e7d1'],
  'patterns-connection-refused': ['e298b26825475810', 28032, 3, '62d336be4b4152ad'],
  'patterns-message-loss': ['60a9129e012a4d50', 22117, 12, 'c0a4d0d8d7ab6852'],
  'patterns-data-corruption': ['29f037849d848bc7', 396160, 23, '39b14a6c79e42fbd'],
  'patterns-cascading-failure': ['31e68e61db84cbcb', 163752, 8, 'd7eb1fc3280ff6c1'],
  'patterns-breaker-states': ['9d2b9ee0bd830268', 29882, 17, '69714ca0f8b5399c'],
  'patterns-memory-exhaustion': ['51b38ebca41c8d5e', 1654, 54, '2a6ae6f036d816e9'],
  'patterns-pool-exhaustion': ['36064817c36bc775', 71312, 14, 'b500aca59bf43249'],
  'patterns-failed-deployment': ['34b4917c8638b8e9', 98527, 20, 'cccbbf0874d1a415'],
  'hdfs-restart': ['00007a4b2e599da3', 62904, 4051, 'bc5c899df29d9b2b'],
  'hdfs-namenode-failover': ['f9260f863be6c9fa', 9969, 3309, '37e02c28aff3ad23'],
  'hdfs-memory-pressure': ['94d83cd98cc96baa', 10187, 2324, 'add0d65b97bde1a7'],
  'hdfs-disk-exhaustion': ['6a6a68e1f75edcda', 18778, 4434, 'ed927d07fc35f1d5'],
  'hdfs-partition': ['89d0fc5ad000ec55', 10573, 3123, '3d172d1fc8cffd2b'],
  'hdfs-cache-corruption': ['db06315e08d1a65e', 31693, 4990, 'caac540f25f18d08'],
  'hdfs-concurrent-access': ['4f72500c068eae1d', 12122, 1174, '73a1e2552ced5cb7'],
  'hdfs-concurrent-failures': ['4006d66afea113f2', 120, 170, 'fa3cda685a1e0c05'],
  'firewall-db-connection': ['85c7bc2ed6f88c8f', 64397, 93, '98a7180ae573547e'],
  'firewall-query-timeout': ['9da1d3eca682c4bb', 54689, 43, '774a2393f36d6496'],
  'firewall-migration-mismatch': ['d1798026b9772da2', 64604, 77, '57c0097d64890937'],
  'firewall-invalid-credentials': ['01514de336a5ed84', 70568, 1367, '6964b4e2d37ea71f'],
  'firewall-jwt-expiry': ['04990af70eabd300', 91595, 58, '7c7407bfceb18c0b'],
  'firewall-rate-limit': ['5be55767790bc520', 76422, 44, 'b961e2c2991b8780'],
  'firewall-oom': ['3033e4d8854b6f4c', 138369, 157, 'ef78ee0d41ab81d9'],
  'firewall-cpu-saturation': ['a69189de2019e082', 222672, 81, 'b1d27d4a3ae53701'],
  'firewall-network-isolation': ['3be157ba55c7ede8', 65116, 96, '9fd226b6ef347e51'],
  'firewall-failed-rollout': ['4e595daa9d2a1826', 119326, 111, '3b0ce2c590f844b4'],
  'firewall-migration-failure': ['4f8eca9b6c9eb666', 55443, 52, '8bb66ffd6819a0d2'],
  'firewall-client-errors': ['da3ffb56dd07f586', 45191, 40, 'd26d1574b129fe7d'],
  'firewall-server-errors': ['5f0692c872f54764', 67112, 77, '2ee423bdb433d9f7'],
  'firewall-external-api': ['c08a80fa481d6899', 59596, 88, 'f993d606606351f7'],
  'firewall-db-corruption': ['5399575eef63dcb6', 114405, 17, 'db91afd8da4246d2'],
  'firewall-invalid-config': ['625ccbd365a58a51', 64688, 77, '57c0097d64890937'],
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
