/**
 * Hook for scenario benchmarks: how fast a real scenario runs, in simulated
 * seconds per wall second and kernel events per wall second.
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
  readonly perRep: readonly { simSPerWallS: number; eventsPerS: number }[];
}

/** Runs scenario `id` with seeds 1..seeds, `reps` times; null when the scenario is not registered. */
export function benchScenario(scenarios: readonly AnyScenario[], id: string, seeds: number, reps: number): ScenarioBench | null {
  const scenario = scenarios.find((s) => s.id === id);
  if (scenario === undefined) return null;
  const perRep: { simSPerWallS: number; eventsPerS: number }[] = [];
  for (let r = 0; r < reps; r++) {
    let simS = 0, events = 0;
    const t0 = now();
    for (let seed = 1; seed <= seeds; seed++) {
      const result = runScenario(scenario, { seed });
      simS += result.untilMs / 1000;
      events += result.events;
    }
    const wall = secondsSince(t0);
    perRep.push({ simSPerWallS: simS / wall, eventsPerS: events / wall });
  }
  return {
    id,
    seeds,
    reps,
    simSecondsPerWallS: median(perRep.map((p) => p.simSPerWallS)),
    eventsPerS: median(perRep.map((p) => p.eventsPerS)),
    perRep,
  };
}
