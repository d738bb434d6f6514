import type { Sometimes } from '../../src/scenario/invariant.js';

/** Paths of the Flux-Gate pipeline worth reaching under faults. */
export const fluxSometimes: readonly Sometimes[] = [
  { name: 'the consumer group rebalanced after the first assignment', reached: (r) => r.kind === 'rebalance' && Number(r.data?.['generation']) >= 2 },
  { name: 'a worker restarted', reached: (r) => r.source.startsWith('worker-') && r.kind === 'running' },
  { name: 'a buyer gave up', reached: (r) => r.kind === 'give-up' },
  { name: 'the database refused an accepted order (sold out)', reached: (r) => r.kind === 'sold-out-in-db' },
];
