import type { Micros } from '../../src/kernel/time.js';
import type { Release } from './release.js';
import type { Migration } from './schema.js';

export type Colour = 'blue' | 'green';
export const otherColour = (c: Colour): Colour => (c === 'blue' ? 'green' : 'blue');

/**
 * deploying: the new colour starting, the migration running, the smoke
 * check. aborted: the new colour never took traffic. live: traffic on the
 * new colour, the analysis watching. promoted: the old colour scaled down,
 * no way back but a new deployment. rolling-back: the trigger fired, traffic
 * still on the new colour until the switch back. rolled-back: traffic back
 * on the old colour (restored, or waiting for a migration revert).
 * rollback-failed: back on the old colour, which cannot work on the schema.
 */
export type DeploymentOutcome = 'deploying' | 'aborted' | 'live' | 'promoted' | 'rolling-back' | 'rolled-back' | 'rollback-failed';

/** Where a production request routed now belongs in its deployment's measurements. */
export type DeployWindow = 'before-switch' | 'after-switch' | null;

/**
 * One deployment and what it cost, measured by the router: every instant
 * (-1: has not happened) and the production requests routed in each
 * stretch, by when they were routed (a request sent to the bad colour just
 * before the switch back still counts, however late it fails).
 */
export class Deployment {
  outcome: DeploymentOutcome = 'deploying';
  migratedAt: Micros = -1;
  readyAt: Micros = -1;
  switchedAt: Micros = -1;
  triggeredAt: Micros = -1;
  rolledBackAt: Micros = -1;
  /** When the revert started by the rollback ends (-1: none runs). */
  revertDueAt: Micros = -1;
  revertedAt: Micros = -1;
  /** Service works again after a rollback: traffic on the old colour and the schema fit for it. */
  restoredAt: Micros = -1;
  abortedAt: Micros = -1;
  promotedAt: Micros = -1;
  requestsBeforeSwitch = 0;
  failedBeforeSwitch = 0;
  /** From the switch until service is restored (or for good, when it never is). */
  requestsAfterSwitch = 0;
  failedAfterSwitch = 0;

  constructor(readonly release: Release, readonly previous: Release, readonly colour: Colour,
    readonly migration: Migration | null, readonly startedAt: Micros) {}

  /** Switch to the trigger firing; -1 if it did not. */
  get detectionUs(): Micros { return this.triggeredAt < 0 ? -1 : this.triggeredAt - this.switchedAt; }

  /** Switch to traffic back on the old colour; -1 if it did not happen. */
  get rollbackUs(): Micros { return this.rolledBackAt < 0 ? -1 : this.rolledBackAt - this.switchedAt; }

  get restored(): boolean { return this.restoredAt >= 0; }

  /** Whether a rollback is under way or pending a revert (a new deployment must wait). */
  get busy(): boolean { return this.outcome === 'deploying' || this.outcome === 'rolling-back' || (this.outcome === 'rolled-back' && !this.restored); }

  window(): DeployWindow {
    if (this.outcome === 'deploying') return 'before-switch';
    if (this.switchedAt >= 0 && this.restoredAt < 0) return 'after-switch';
    return null;
  }

  /** A production request routed in `w` ended, failed or not. */
  count(w: DeployWindow, failed: boolean): void {
    if (w === 'before-switch') { this.requestsBeforeSwitch++; if (failed) this.failedBeforeSwitch++; }
    else if (w === 'after-switch') { this.requestsAfterSwitch++; if (failed) this.failedAfterSwitch++; }
  }
}
