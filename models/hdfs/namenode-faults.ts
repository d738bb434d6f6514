import { z } from 'zod';
import { CRASH_PARAMS, NO_PARAMS, delayMs } from '../lifecycle/fault-params.js';

/**
 * A NameNode's fault kinds (target: the NameNode's name). crash/restart are
 * the process; node-crash/node-recover the host (its ZKFC dies with it);
 * hang is a stop-the-world pause (GC) of the process; partition cuts the
 * host off from every other host (ZooKeeper, JournalNodes, clients, the
 * other ZKFC) while its own ZKFC still reaches it.
 */
export const NAMENODE_FAULTS = {
  crash: CRASH_PARAMS,
  restart: NO_PARAMS,
  'node-crash': z.strictObject({ recoverAfterMs: delayMs('ms until the host is back (default: until node-recover)').optional() }),
  'node-recover': NO_PARAMS,
};

export const HANG_PARAMS = z.strictObject({ durationMs: delayMs('ms the process stays frozen (a GC pause)') });
export const PARTITION_PARAMS = z.strictObject({ durationMs: delayMs('ms until the cut heals (default: until heal)').optional() });
export const HEAL_PARAMS = NO_PARAMS;
