import type { FaultRecord } from '../../src/scenario/index.js';
import type { FluxRecord } from '../../models/flux/flux-events.js';
import type { PodRecord } from '../../models/k8s/pod-events.js';
import type { KafkaTraceRecord } from '../../models/kafka/kafka-events.js';
import type { LoadBalancerRecord } from '../../models/load-balancer/load-balancer-events.js';
import type { NetworkRecord } from '../../models/net/network-events.js';
import type { OrdersDbRecord } from '../../models/orders-db/orders-db-events.js';
import type { PoolRecord } from '../../models/pool/pool-events.js';
import type { RedisRecord } from '../../models/redis/redis-events.js';

/** Every record a run of the Flux-Gate system can hold: its models' events and the faults. */
export type FluxGateRecord =
  | PodRecord | LoadBalancerRecord | RedisRecord | KafkaTraceRecord | OrdersDbRecord | PoolRecord | FluxRecord | NetworkRecord
  | FaultRecord;
