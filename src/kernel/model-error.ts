/**
 * A model used the simulation wrongly in a way no frame of its own code
 * shows: a process yielded something that is neither an event nor a
 * number of µs (a bare `yield;`). The CLI takes it for bad input, one line
 * naming the process (matched by name, like StalledClock), not a crash of
 * failsim's.
 */
export class ModelError extends Error {
  override name = 'ModelError';
}

/** What a process yielded that it may not, in words. */
export function badYield(process: string, value: unknown): ModelError {
  const what = value === null || value === undefined ? String(value) : typeof value === 'object' ? 'an object that is not an event' : `a ${typeof value}`;
  return new ModelError(`process "${process}" yielded ${what}; a process yields sim.sleep(...), sim.timeout(...), an event or another process`);
}
