import { z } from 'zod';
import { NO_PARAMS, delayMs } from '../lifecycle/fault-params.js';

/**
 * The fault kinds of a pod (target = the pod's name) and their parameters;
 * see Pod for what each does. The kubelet restarts crashed containers by
 * itself (crash-loop back-off), so `crash` takes no restart delay.
 */
export const POD_FAULTS = {
  crash: NO_PARAMS,
  hang: NO_PARAMS,
  'node-crash': z.strictObject({
    recoverAfterMs: delayMs('ms after the crash when the node comes back (default: it stays down until a node-recover fault)').optional(),
  }),
  'node-recover': NO_PARAMS,
  restart: NO_PARAMS,
};
