import type { RandomStream } from '../../src/kernel/rng.js';
import { US_PER_MS, type Micros } from '../../src/kernel/time.js';
import type { RetryKind, RetryPolicyOptions } from './retry-options.js';

/**
 * The policy's own delay before retry r (r >= 1; attempt r + 1), in whole µs,
 * before any Retry-After is applied. The formulas are Brooker's ("Exponential
 * Backoff And Jitter", [BROOKER], as coded in [BROOKER-SIM]) with
 * v = min(cap, base * multiplier^(r - 1 + exponentOffset)):
 * - exponential: v (times U(1 - jitter, 1 + jitter) when jitter > 0, gRPC A6 / Kafka);
 * - full jitter: U(0, v);
 * - equal jitter: v/2 + U(0, v/2);
 * - decorrelated jitter: min(cap, U(base, 3 * previous)), previous = base before the first retry.
 * Jittered kinds take exactly one uniform from `rng` per delay, whatever
 * the cap or the server says, so a run's later draws never depend on either;
 * the other kinds take none. Jittered delays are floored to whole µs (the
 * half-open bounds stay half-open), exact ones rounded.
 */
export function ownDelayUs(kind: RetryKind, o: RetryPolicyOptions, r: number, previousDelayUs: Micros, rng: RandomStream): Micros {
  switch (kind) {
    case 'none':
    case 'immediate':
      return 0;
    case 'fixed':
      return finish(o, o.jitter > 0 ? proportional(o.fixedMs * US_PER_MS, o.jitter, rng.next()) : o.fixedMs * US_PER_MS, o.jitter > 0);
    case 'schedule':
      return finish(o, o.scheduleMs[Math.min(r, o.scheduleMs.length) - 1]! * US_PER_MS, false);
    case 'decorrelated-jitter':
      return finish(o, decorrelatedUs(o, previousDelayUs, rng.next()), true);
    default:
      return finish(o, exponentialFamilyUs(kind, o, r, rng), kind !== 'exponential' || o.jitter > 0);
  }
}

/** exponential, full jitter, equal jitter: the term, the jitter, then the cap where capAppliesTo says. */
function exponentialFamilyUs(kind: RetryKind, o: RetryPolicyOptions, r: number, rng: RandomStream): number {
  const capUs = o.capMs * US_PER_MS;
  // Bounded so that a huge exponent stays finite: 0 * Infinity would be NaN.
  let v = Math.min(o.baseMs * US_PER_MS * o.multiplier ** (r - 1 + o.exponentOffset), Number.MAX_VALUE / 4);
  if (o.capAppliesTo !== 'delay') v = Math.min(capUs, v);
  let d: number;
  if (kind === 'full-jitter') d = v * rng.next();
  else if (kind === 'equal-jitter') d = v / 2 + (v / 2) * rng.next();
  else d = o.jitter > 0 ? proportional(v, o.jitter, rng.next()) : v;
  return o.capAppliesTo === 'ceiling' ? d : Math.min(capUs, d);
}

/**
 * Brooker's `sleep = min(cap, random_uniform(base, sleep * 3))`. The previous
 * delay is taken as at least `base`, so the range never inverts (it can be
 * shorter after a short Retry-After was honoured).
 */
function decorrelatedUs(o: RetryPolicyOptions, previousDelayUs: Micros, u: number): number {
  const baseUs = o.baseMs * US_PER_MS;
  const previous = Math.max(previousDelayUs, baseUs);
  return Math.min(o.capMs * US_PER_MS, baseUs + (3 * previous - baseUs) * u);
}

/** v * U(1 - j, 1 + j) from one uniform u in [0, 1): grpc-go `cur *= 0.8 + 0.4*rand.Float64()`. */
function proportional(v: number, j: number, u: number): number {
  return v * (1 - j + 2 * j * u);
}

function finish(o: RetryPolicyOptions, us: number, jittered: boolean): Micros {
  const whole = jittered ? Math.floor(us) : Math.round(us);
  return o.floorToMs ? Math.floor(whole / US_PER_MS) * US_PER_MS : whole;
}
