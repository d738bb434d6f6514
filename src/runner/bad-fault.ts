import { FaultError, type Fault } from '../kernel/faults.js';
import type { Simulation } from '../kernel/simulation.js';
import { BadInput } from '../scenario/settings.js';

/**
 * A fault schedule the scenario's models cannot take: an unknown target or
 * kind, params their schema rejects, a time past the longest run. Thrown by
 * prepareRun/runScenario before the run starts; bad input (the CLI's exit
 * 2), with the fault's index (from 0) and field for programs that want them.
 */
export class BadFault extends BadInput {
  constructor(message: string, readonly index: number | undefined, readonly field: string) {
    super(message);
  }
}

/** Schedules `faults` on `sim`, every one checked first; `origin` says whose schedule it is in the error. */
export function scheduleChecked(sim: Simulation, faults: readonly Fault[], origin: string): void {
  try {
    sim.faults.schedule(faults);
  } catch (e) {
    if (e instanceof FaultError) throw new BadFault(`${origin}: ${e.message}`, e.index, e.field);
    throw e;
  }
}
