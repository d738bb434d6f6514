import type { ClaimVerdict } from '../scenario/scenario.js';

/** A claim's verdict in a run, with its name. Its own module: not-reached.ts needs it and run-scenario.ts imports not-reached.ts. */
export interface ClaimResult extends ClaimVerdict {
  readonly name: string;
  readonly source?: string;
  /** Why the run could not judge it: it ended before some scheduled fault fired (see not-reached.ts and verdictOf). */
  readonly notReached?: string;
}
