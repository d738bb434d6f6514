import { layersKeepCorruptionOut, reconciliationFindsTheRest } from './claims.js';
import { dataFaultSpace } from './fault-space.js';
import { patterns } from './system.js';

export const patternsDataCorruption = patterns.scenario({
  id: 'patterns-data-corruption',
  title: 'Patterns: invalid writes against four layers of defence',
  source: '2. Data Failures / Data Corruption',
  description: 'A day of writes at 5 per second, 1 % of them invalid (missing fields, out-of-range values, duplicates, broken references, illegal transitions, cross-record races, silent corruption). Each layer stops what it can see; an hourly reconciliation scan finds what persisted. Every layer is a switch.',
  defaults: { topology: 'data', ratePerS: 5, durationMs: 86_400_000 },
  faults: () => [],
  claims: [layersKeepCorruptionOut, reconciliationFindsTheRest],
  // The invalid writes come with the load; `sim check` adds buggy releases (the `bug` fault on `orders`).
  faultSpace: dataFaultSpace,
});
export default patternsDataCorruption;
