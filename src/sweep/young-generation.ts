/**
 * V8's young generation (the nursery: two semi-spaces and the new large
 * object space, three semi-spaces in all) for worker threads, in MB. A
 * larger nursery collects less often, so fewer short-lived objects are
 * still alive at a collection and get copied or promoted; but every worker
 * then holds more garbage, and the ArrayBuffers of finished runs (the
 * kernel's typed arrays, outside the JS heap) live until the next
 * collection, so the resident size grows with it.
 *
 * Measured on Node 20.20 (2 cores, shared, load 3 to 6), scenario-a runs in
 * one worker: the garbage collector's share of the worker's CPU profile is
 * 24-26% at 4 MB, 21-22% at 8, 16-17% at 16 and 15% at 32 MB or more (V8's
 * default, 48 MB, included); a 100-run `sim check scenario-a` takes 20 s
 * at 32 MB against 22-23 s at 4. Peak RSS of the 100,000-run streamed sweep
 * of test/fixtures/sweep-scenario.mjs (2 workers, the issue's < 250 MB
 * target) is 233-245 MB at 4 MB, 233-249 at 6, 257-278 at 8, 295 at 16 and
 * 347 at 32.
 */

/**
 * Sweep workers: the largest nursery whose 100,000-run streamed sweep stays
 * under 250 MB with a margin. Since the event queue starts with 64 slots
 * instead of 1,024 (a finished run leaves 3 KB of typed arrays, not 40 KB),
 * that sweep peaks at 215 MB with 4 MB, 225 MB with 6, 238 MB with 8 and
 * 276 MB with 16 (one run each).
 */
export const YOUNG_GENERATION_MB = 6;

/**
 * Check workers: a check runs hundreds of full scenario runs, not a
 * hundred thousand small ones, so the nursery is sized for CPU: 32 MB,
 * where the collector's share stops falling (peak RSS of a 2-worker
 * `sim check scenario-a` is about 280 MB against 190 MB at 4 MB).
 */
export const CHECK_YOUNG_GENERATION_MB = 32;
