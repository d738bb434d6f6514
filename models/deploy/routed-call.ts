import type { Micros } from '../../src/kernel/time.js';
import type { ServiceCall, ServiceReply } from '../service/service.js';
import type { Colour, Deployment, DeployWindow } from './deployment.js';

/** What the router hears when a routed request ends: the reply, or 'silent' (nothing answered at the TCP level). */
export type RoutedReply = ServiceReply | 'silent';

/** A colour's part: what its release and the schema make of an instance's answer (environment.ts `outcome`). */
export interface AnswerShaper {
  readonly colour: Colour;
  outcome(instance: number, reply: ServiceReply): ServiceReply;
}

export interface RouteSink {
  settled(call: RoutedCall, reply: RoutedReply): void;
}

/**
 * A request as the router forwards it to one instance of a colour: the
 * instance answers this object; it lets the colour turn the answer into
 * what the release and the schema make of it (environment.ts `outcome`),
 * tells the router, then passes the answer to the caller's own call
 * unchanged in time. `smoke`: the deployment's own check, not production.
 */
export class RoutedCall implements ServiceCall {
  readonly routedAt: Micros;

  constructor(private readonly sink: RouteSink, readonly inner: ServiceCall, readonly env: AnswerShaper, readonly instance: number,
    readonly smoke: boolean, readonly deployment: Deployment | null, readonly window: DeployWindow, now: Micros) {
    this.routedAt = now;
  }

  get expectedVersion(): number | undefined {
    return this.inner.expectedVersion;
  }

  answer(reply: ServiceReply, retryAfterUs: Micros): void {
    const r = this.env.outcome(this.instance, reply);
    this.sink.settled(this, r);
    this.inner.answer(r, retryAfterUs);
  }
}
