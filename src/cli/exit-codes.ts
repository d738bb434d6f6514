/** Exit codes of `sim`. In their own module so commands and cli.ts, which imports them, do not form a cycle. */
export const EXIT = {
  /** The run finished and every claim held (or help, list). */
  ok: 0,
  /** The run finished and a claim failed. */
  claimFailed: 1,
  /** Bad input: one line on stderr, nothing on stdout. */
  badInput: 2,
  /** A bug, in failsim or in a scenario's models: message and stack on stderr. */
  internal: 3,
} as const;
