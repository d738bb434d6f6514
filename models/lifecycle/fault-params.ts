import { z } from 'zod';

/**
 * Parameter schemas shared by the fault kinds of everything that crashes and
 * restarts (the Kafka broker, the orders DB, Redis, a pod): a fault's
 * `params` object is checked against its kind's schema when the schedule is
 * loaded, and `sim help faults` documents them from the same schemas.
 */

/** A fault that takes no parameters: any key given is a mistake. */
export const NO_PARAMS = z.strictObject({});

/** A delay in ms of virtual time, finite and not negative (a fault's own timer); `what` says what it delays, unit first. */
export function delayMs(what: string) {
  return z.number().nonnegative().finite().describe(what);
}

/** `crash`, optionally followed by a restart after a delay (the process's supervisor). */
export const CRASH_PARAMS = z.strictObject({
  restartAfterMs: delayMs('ms after the crash when the process starts again (default: it stays down until a restart fault)').optional(),
});

export type CrashParams = z.output<typeof CRASH_PARAMS>;

/** The faults of a process outside Kubernetes whose supervisor restarts it on request (Kafka broker, orders DB). */
export const PROCESS_FAULTS = { crash: CRASH_PARAMS, restart: NO_PARAMS };
