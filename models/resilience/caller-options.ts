/**
 * How a caller reaches one dependency (seed 001, "Timeout Configuration"):
 * a connect timeout (the TCP handshake: only a silent host makes it run
 * out), a read timeout (from the connection to the first byte of the
 * answer), an optional deadline for the whole call including its retries
 * (gRPC's deadline: no attempt starts, and no back-off ends, after it), and
 * what to answer when every attempt failed or none was allowed.
 */
export interface CallerOptions {
  /** One-way network delay |N(mean, sd)|, as in Brooker's simulator (10 ms, 2 ms). */
  readonly oneWayMs: number;
  readonly oneWaySdMs: number;
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
  /** 0: no deadline for the whole call. */
  readonly deadlineMs: number;
  readonly fallback: FallbackKind;
  /** Retry a try the breaker rejected (resilience4j's Retry does by default); off: straight to the fallback. */
  readonly retryWhenOpen: boolean;
}

/**
 * `cache`: the last live answer this caller received, however old (its age
 * is measured); `default`: a fixed degraded answer; `none`: the error.
 */
export type FallbackKind = 'none' | 'cache' | 'default';
export const FALLBACK_KINDS: readonly FallbackKind[] = ['none', 'cache', 'default'];

/** Seed 001's timeouts: 500 ms connect, 2 s read. */
export const DEFAULT_CALLER: CallerOptions = {
  oneWayMs: 10,
  oneWaySdMs: 2,
  connectTimeoutMs: 500,
  readTimeoutMs: 2000,
  deadlineMs: 0,
  fallback: 'none',
  retryWhenOpen: true,
};

export function checkCallerOptions(name: string, o: CallerOptions): void {
  const positive = (k: keyof CallerOptions) => {
    const v = o[k] as number;
    if (!(v > 0 && Number.isFinite(v))) throw new Error(`caller ${name}: ${k} must be a positive number, got ${v}`);
  };
  positive('connectTimeoutMs');
  positive('readTimeoutMs');
  if (!(o.oneWayMs >= 0 && o.oneWaySdMs >= 0)) throw new Error(`caller ${name}: oneWayMs and oneWaySdMs must be >= 0`);
  if (!(o.deadlineMs >= 0)) throw new Error(`caller ${name}: deadlineMs must be >= 0 (0: none), got ${o.deadlineMs}`);
}
