import { z } from 'zod';
import { NO_PARAMS } from '../lifecycle/fault-params.js';

/**
 * The network's fault kinds (target "network") and their parameters. Host
 * names are checked against the hosts the system registered, so the schemas
 * are made once the whole system is built (see Network's constructor).
 */
export function networkFaults(hosts: readonly string[]) {
  const host = hosts.length > 0 ? z.enum(hosts as [string, ...string[]]) : z.never();
  return {
    partition: z.strictObject({
      groups: z.array(z.array(host).min(1)).min(2).describe('host groups; every link between two groups is cut'),
    }),
    isolate: z.strictObject({ host: host.describe('the host cut off from every other') }),
    heal: NO_PARAMS,
    latency: z.strictObject({
      host: host.describe('the host whose links slow down'),
      ms: z.number().nonnegative().finite().default(0).describe('ms of extra one-way delay on its links (replaces an earlier one; 0 removes it)'),
    }),
    loss: z.strictObject({
      host: host.describe('the host whose messages are dropped'),
      p: z.number().min(0).max(1).default(0).describe('probability that one of its messages is dropped (replaces an earlier one)'),
    }),
  };
}

export type NetworkFaultKind = keyof ReturnType<typeof networkFaults>;
