import type { Simulation } from '../../src/kernel/simulation.js';
import { ms } from '../../src/kernel/time.js';
import type { ServiceCall } from '../service/service.js';
import type { Environment } from './environment.js';
import { RoutedCall, type RouteSink, type RoutedReply } from './routed-call.js';

/** The smoke request's own caller: the check counts the answer through its sink, nothing else listens. */
const UNHEARD: ServiceCall = { answer: () => undefined };

/**
 * The deployment's check of the new colour before the switch (Argo's
 * prePromotionAnalysis [ARGO-BG], the seed's "after testing GREEN"):
 * `requests` requests sent at once, round robin over its instances, each of
 * which must be answered 'ok' within `timeoutMs`. They are real requests:
 * they count toward a crash-after-N defect, so a check shorter than N
 * passes a release that production traffic will kill.
 */
export class SmokeCheck implements RouteSink {
  private pending: number;
  private failures = 0;
  private timer = -1;
  private over = false;

  constructor(private readonly sim: Simulation, private readonly env: Environment, private readonly requests: number,
    private readonly timeoutMs: number, private readonly done: (failures: number) => void) {
    this.pending = requests;
  }

  start(): void {
    this.timer = this.sim.schedule(ms(this.timeoutMs), () => this.finish());
    for (let n = 0; n < this.requests && !this.over; n++) {
      const i = this.env.pick();
      const call = new RoutedCall(this, UNHEARD, this.env, i, true, null, null, this.sim.now);
      if (!this.env.deliver(i, call)) this.settled(call, 'silent');
    }
  }

  settled(_call: RoutedCall, reply: RoutedReply): void {
    if (this.over) return;
    if (reply !== 'ok') this.failures++;
    if (--this.pending === 0) this.finish();
  }

  /** All answered, or the timeout: what is still unanswered failed. */
  private finish(): void {
    if (this.over) return;
    this.over = true;
    this.sim.cancel(this.timer);
    this.done(this.failures + this.pending);
  }
}
