import type { RecordOf } from '../../src/scenario/index.js';

/** What the scenario's own models write: the reader's link to HDFS, and the long-horizon service state. */
export type HdfsCacheEvents = {
  'link-cut': undefined;
  'link-healed': undefined;
  /** Long horizon: fresh logs cannot be served; which component groups are down. */
  'service-down': { groupsDown: string };
  'service-up': { groupsDown: string };
};
export type HdfsCacheRecord = RecordOf<HdfsCacheEvents>;
