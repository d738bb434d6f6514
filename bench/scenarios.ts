/**
 * Scenario benchmarks: what one run of a real scenario costs. The cost is
 * given in bare-heap hold-model events (bare_heap_hold.mjs, run between the
 * repetitions): the number of events the bare heap processes in the time
 * one run takes. Machine speed and load cancel out of that figure, so it can
 * be compared with a target across machines and days.
 */
import { runScenario } from '../src/runner/run-scenario.js';
import type { AnyScenario } from '../src/scenario/scenario.js';
import { median, now, secondsSince } from './stats.js';

export interface ScenarioBench {
  readonly id: string;
  readonly seeds: number;
  readonly reps: number;
  /** Median over repetitions of (simulated seconds of all seeds / wall seconds). */
  readonly simSecondsPerWallS: number;
  readonly eventsPerS: number;
  /** Kernel events in one run (mean over the seeds). */
  readonly eventsPerRun: number;
  /** Median over repetitions of (wall seconds per run x bare-heap events/s); NaN without the anchor. */
  readonly holdEventsPerRun: number;
  readonly perRep: readonly { simSPerWallS: number; eventsPerS: number; holdEventsPerRun: number }[];
}

/**
 * Runs scenario `id` with seeds 1..seeds, `reps` times, each repetition
 * followed by one run of the bare heap (`bareHeapEventsPerS`, null without
 * the anchor); null when the scenario is not registered. Three warm-up runs
 * first: a sweep worker's runs are warm, and so are these.
 */
export function benchScenario(scenarios: readonly AnyScenario[], id: string, seeds: number, reps: number, bareHeapEventsPerS: (() => number) | null): ScenarioBench | null {
  const scenario = scenarios.find((s) => s.id === id);
  if (scenario === undefined) return null;
  for (let seed = 1_000_001; seed <= 1_000_003; seed++) runScenario(scenario, { seed });
  const perRep: { simSPerWallS: number; eventsPerS: number; holdEventsPerRun: number }[] = [];
  let events = 0;
  for (let r = 0; r < reps; r++) {
    let simS = 0, repEvents = 0;
    const t0 = now();
    for (let seed = 1; seed <= seeds; seed++) {
      const result = runScenario(scenario, { seed, timeline: false });
      simS += result.untilMs / 1000;
      repEvents += result.events;
    }
    const wall = secondsSince(t0);
    const bare = bareHeapEventsPerS?.() ?? NaN;
    events = repEvents / seeds;
    perRep.push({ simSPerWallS: simS / wall, eventsPerS: repEvents / wall, holdEventsPerRun: (wall / seeds) * bare });
  }
  return {
    id,
    seeds,
    reps,
    simSecondsPerWallS: median(perRep.map((p) => p.simSPerWallS)),
    eventsPerS: median(perRep.map((p) => p.eventsPerS)),
    eventsPerRun: events,
    holdEventsPerRun: median(perRep.map((p) => p.holdEventsPerRun)),
    perRep,
  };
}
