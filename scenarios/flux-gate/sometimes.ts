import { isFaultRecord, type Sometimes } from '../../src/scenario/index.js';
import type { FluxGateRecord } from './records.js';

/** Paths of the Flux-Gate pipeline worth reaching under faults. */
export const fluxSometimes: readonly Sometimes<FluxGateRecord>[] = [
  { name: 'the consumer group rebalanced after the first assignment', reached: (r) => !isFaultRecord(r) && r.kind === 'rebalance' && r.data.generation >= 2 },
  { name: 'a worker restarted', reached: (r) => r.source.startsWith('worker-') && r.kind === 'running' },
  { name: 'a buyer gave up', reached: (r) => r.kind === 'give-up' },
  { name: 'the database refused an accepted order (sold out)', reached: (r) => r.kind === 'sold-out-in-db' },
];
