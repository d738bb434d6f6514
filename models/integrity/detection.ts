import type { Micros } from '../../src/kernel/time.js';

/**
 * A periodic integrity check (seed 004: daily) running at `phase + k ×
 * period`. A corruption at `t` is found by the first check after it, plus
 * the check's own run time: detection delay = time to the next check + run.
 */
export function nextCheckAt(t: Micros, periodUs: Micros, phaseUs: Micros = 0): Micros {
  if (!(periodUs > 0)) throw new Error(`integrity check: period must be > 0, got ${periodUs}`);
  const k = Math.floor((t - phaseUs) / periodUs) + 1;
  return phaseUs + k * periodUs;
}

export function detectionDelayUs(t: Micros, periodUs: Micros, phaseUs: Micros = 0, checkRunUs: Micros = 0): Micros {
  return nextCheckAt(t, periodUs, phaseUs) - t + checkRunUs;
}

/**
 * The mean delay for a corruption at a uniformly random instant, closed
 * form (derived): the time to the next check is uniform on (0, period], so
 * its mean is period / 2; with a daily check, 12 h (+ the run time).
 */
export const meanDetectionDelayUs = (periodUs: Micros, checkRunUs: Micros = 0): Micros => periodUs / 2 + checkRunUs;
