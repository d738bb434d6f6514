import { z } from 'zod';
import type { Simulation } from '../../src/kernel/simulation.js';
import { ms, toMs, type Micros } from '../../src/kernel/time.js';
import { NO_PARAMS, delayMs } from '../lifecycle/fault-params.js';
import { PlacedRateLimiter, type RateLimitPlacement } from './placement.js';
import type { RateLimitEvents } from './rate-limit-events.js';
import { SEED_004_RATE_LIMIT, type RateLimitOptions } from './rate-limit-options.js';
import type { RateDecision } from './rate-limiter.js';

export interface RateLimitGateOptions {
  readonly limit: RateLimitOptions;
  readonly placement: RateLimitPlacement;
  /** API pods in front of which the limiter sits. */
  readonly pods: number;
}

export const DEFAULT_RATE_LIMIT_GATE: RateLimitGateOptions = { limit: SEED_004_RATE_LIMIT, placement: 'shared', pods: 1 };

/** `store-down`: the shared store (Redis) cannot be reached until it heals. */
export const STORE_DOWN_PARAMS = z.strictObject({
  healAfterMs: delayMs('ms until the store answers again (default: until a store-up fault)').optional(),
});

const ADMIT: RateDecision = { allowed: true, remaining: 0 };

/**
 * The limiter in the simulation: `admit` on every request, at the
 * simulation's time, counting admissions and 429s (RATE_LIMIT_REJECTIONS)
 * in total and by client. Faults (target = name), shared placement only:
 * `store-down {healAfterMs?}` (requests pass unchecked meanwhile: a Redis
 * error fails open [STRIPE]) and `store-up`.
 */
export class RateLimitGate {
  readonly options: RateLimitGateOptions;
  readonly limiter: PlacedRateLimiter;
  admitted = 0;
  rejected = 0;
  /** Requests let through unchecked while the store was down. */
  failedOpen = 0;
  readonly rejectedByClient = new Map<string, number>();
  private readonly throttledNow = new Set<string>();
  private downSince: Micros = -1;
  private healTimer = -1;

  constructor(private readonly sim: Simulation, readonly name: string, options: Partial<RateLimitGateOptions> = {}) {
    this.options = { ...DEFAULT_RATE_LIMIT_GATE, ...options };
    this.limiter = new PlacedRateLimiter(this.options.placement, this.options.limit, this.options.pods);
    if (this.options.placement === 'shared') {
      sim.faults.on(name, 'store-down', (f) => this.storeDown(f.params?.['healAfterMs'] as number | undefined), STORE_DOWN_PARAMS);
      sim.faults.on(name, 'store-up', () => this.storeUp(), NO_PARAMS);
    }
  }

  /** Whether the shared store answers (always, per-pod). */
  get storeReachable(): boolean { return this.downSince < 0; }

  /** Pod `pod` decides client `client`'s request now. */
  admit(pod: number, client: string): RateDecision {
    if (this.downSince >= 0) { this.failedOpen++; this.admitted++; return ADMIT; }
    const d = this.limiter.decide(pod, client, this.sim.now);
    if (d.allowed) { this.admitted++; this.throttledNow.delete(client); return d; }
    this.rejected++;
    this.rejectedByClient.set(client, (this.rejectedByClient.get(client) ?? 0) + 1);
    if (!this.throttledNow.has(client)) {
      this.throttledNow.add(client);
      this.sim.trace.typed<RateLimitEvents>().emit(this.name, 'throttled', { client, pod, retryAfterS: d.retryAfterS });
    }
    return d;
  }

  /** The fleet is now `pods` pods (an HPA decision). */
  resize(pods: number): void {
    this.limiter.resize(pods);
    this.sim.trace.typed<RateLimitEvents>().emit(this.name, 'resized', { pods, effectiveRatePerMin: this.limiter.effectiveRatePerMin() });
  }

  private storeDown(healAfterMs: number | undefined): void {
    if (this.healTimer >= 0) { this.sim.cancel(this.healTimer); this.healTimer = -1; }
    if (this.downSince < 0) { this.downSince = this.sim.now; this.sim.trace.typed<RateLimitEvents>().emit(this.name, 'store-down'); }
    if (healAfterMs !== undefined) this.healTimer = this.sim.schedule(ms(healAfterMs), () => { this.healTimer = -1; this.storeUp(); });
  }

  private storeUp(): void {
    if (this.downSince < 0) return;
    const downMs = toMs(this.sim.now - this.downSince);
    this.downSince = -1;
    this.sim.trace.typed<RateLimitEvents>().emit(this.name, 'store-up', { downMs });
  }
}
