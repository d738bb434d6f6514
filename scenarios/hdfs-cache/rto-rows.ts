/**
 * The rows of seed 003's Recovery Time Objectives table, in its order, and
 * `none` for a scenario that has no row (disk exhaustion, concurrent access,
 * the long horizon). A scenario names its row in its defaults (`rtoRow`).
 */
export const RTO_ROWS = ['none', 'process-restart', 'namenode-failover', 'memory-pressure', 'network-partition', 'cache-corruption'] as const;
export type RtoRow = (typeof RTO_ROWS)[number];
