/**
 * The classic DES "hold" model through the kernel's public API: PENDING events
 * are always pending; each one, when it fires, schedules itself again at
 * now + Exp(mean 1 s). Measures the cost of one pop + one push per event.
 */
import { Simulation } from '../src/kernel/simulation.js';
import { now, secondsSince } from './stats.js';

const MEAN_US = 1_000_000;

export interface HoldResult {
  /** Events processed by the kernel during the timed section. */
  readonly events: number;
  readonly wallS: number;
  readonly eventsPerS: number;
}

/** The callback core: `sim.schedule(delay, fn)` with a named random stream. */
export function holdCallbacks(events: number, pending: number, seed = 1): HoldResult {
  const sim = new Simulation({ seed });
  const rng = sim.rng('hold');
  let budget = events - pending; // events that reschedule; the last `pending` ones only fire
  const hold = (): void => {
    if (budget > 0) {
      budget--;
      sim.schedule(rng.exponential(MEAN_US), hold);
    }
  };
  for (let i = 0; i < pending; i++) sim.schedule(rng.exponential(MEAN_US), hold);
  const t0 = now();
  sim.run();
  const wallS = secondsSince(t0);
  return { events: sim.eventCount, wallS, eventsPerS: sim.eventCount / wallS };
}

/** The same model as generator processes: `yield sim.sleep(...)` in a loop. Counts wake-ups. */
export function holdProcesses(events: number, pending: number, seed = 1): HoldResult {
  const sim = new Simulation({ seed });
  const rng = sim.rng('hold');
  let budget = events;
  let wakeups = 0;
  function* holder() {
    while (budget > 0) {
      budget--;
      yield sim.sleep(rng.exponential(MEAN_US));
      wakeups++;
    }
  }
  for (let i = 0; i < pending; i++) sim.process(holder());
  const t0 = now();
  sim.run();
  const wallS = secondsSince(t0);
  return { events: wakeups, wallS, eventsPerS: wakeups / wallS };
}
