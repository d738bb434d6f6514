import type { FaultRecord } from '../../src/scenario/index.js';
import type { OutageRecord } from '../../models/client/outage-log.js';
import type { DcsRecord } from '../../models/etcd/dcs-events.js';
import type { PodRecord } from '../../models/k8s/pod-events.js';
import type { ProbeRecord } from '../../models/k8s/probe-events.js';
import type { ServiceRecord } from '../../models/k8s/service-events.js';
import type { NetworkRecord } from '../../models/net/network-events.js';
import type { PatroniRecord } from '../../models/patroni/patroni-events.js';
import type { PostgresRecord } from '../../models/postgres/postgres-events.js';

/** Every record a run of the Patroni system can hold: its models' events and the faults. */
export type PatroniK8sRecord =
  | PodRecord | ProbeRecord | ServiceRecord | DcsRecord | PatroniRecord | PostgresRecord | NetworkRecord
  | OutageRecord<'writes'> | FaultRecord;
