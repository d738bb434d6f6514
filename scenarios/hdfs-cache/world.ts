import type { Simulation } from '../../src/scenario/index.js';
import { HorizonModel } from './horizon-world.js';
import { buildIncident, type IncidentWorld } from './incident-world.js';
import type { HdfsCacheParams } from './params.js';

/** One of the two: an incident's models, or the long-horizon component model. */
export interface HdfsCacheWorld {
  readonly incident: IncidentWorld | null;
  readonly horizon: HorizonModel | null;
}

export function buildHdfsCache(sim: Simulation, p: HdfsCacheParams): HdfsCacheWorld {
  return p.mode === 'incident' ? { incident: buildIncident(sim, p), horizon: null } : { incident: null, horizon: new HorizonModel(sim, p) };
}
