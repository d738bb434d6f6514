import { US_PER_MS, type Micros } from '../../src/kernel/time.js';
import type { RetryPolicyOptions } from './retry-options.js';

/**
 * The delay actually waited, given the policy's own delay and what the
 * server said (Retry-After, RFC 9110 §10.2.3 [RFC9110]; gRPC pushback
 * [GRPC-A6]); null when the server said not to retry. The modes are
 * described on RetryAfterMode. `bounded` is smithy-typescript util-retry's
 * `max(delay, min(retryAfter - now, delay + 5_000))` [AWS-JS-RETRY]. The
 * server's value is not capped by `capMs`: it is the server's call.
 */
export function applyRetryAfter(o: RetryPolicyOptions, ownUs: Micros, retryAfterUs: Micros | undefined): Micros | null {
  if (retryAfterUs === undefined || o.retryAfter === 'ignore') return ownUs;
  // gRPC A6: a negative pushback asks the client not to retry at all.
  if (retryAfterUs < 0) return null;
  const server = Math.round(retryAfterUs);
  switch (o.retryAfter) {
    case 'honour':
      return server;
    case 'max':
      return Math.max(ownUs, server);
    case 'bounded':
      return Math.max(ownUs, Math.min(server, ownUs + Math.round(o.retryAfterMaxExtraMs * US_PER_MS)));
  }
}
