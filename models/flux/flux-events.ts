import type { RecordOf } from '../../src/kernel/trace-events.js';

/** What the Flux-Gate application writes to the trace. */
export type FluxEvents = {
  /** A worker's transaction found no stock (source: the worker). */
  'sold-out-in-db': { order: string };
  /** The operator re-initialised Redis stock from PostgreSQL (source: 'operator'). */
  'stock-reinit': { stock: number };
  /** A buyer got an answer, 0 for none (source: 'buyer'). */
  reply: { order: string; status: number };
};
export type FluxRecord = RecordOf<FluxEvents>;
