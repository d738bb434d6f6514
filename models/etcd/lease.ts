import type { Micros } from '../../src/kernel/time.js';

/** An etcd lease: keys attached to it are deleted when it is not kept alive for `ttl`. */
export interface Lease {
  readonly id: number;
  readonly ttl: Micros;
  deadline: Micros;
  readonly keys: Set<string>;
  timer: number;
}
