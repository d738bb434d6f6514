import type { RecordOf } from '../../src/kernel/trace-events.js';

/** An event-loop server's trace events (source: the server's name, or the detector's). */
export type EventLoopEvents = {
  /**
   * First slow callback (asyncio debug) or slow request (the seed's
   * middleware) of a burst: `measure` says which the detector watches.
   */
  blocking: { measure: string; durationMs: number; thresholdMs: number };
  /** A burst of slow work ended (no slow one for the quiet period): how many, the longest, the time they held. */
  'blocking-ended': { measure: string; count: number; maxMs: number; totalMs: number };
  /** The seed's InferenceCircuitBreaker tripped: what it counted, and the backlog it could not see. */
  'breaker-tripped': { appInFlight: number; loopBacklog: number };
  stopped: { cause: string; dropped: number };
  started: undefined;
};
export type EventLoopRecord = RecordOf<EventLoopEvents>;
