import { fluxApiCrash } from './api-crash.js';
import { fluxKafkaDown } from './kafka-down.js';
import { fluxKafkaLag } from './kafka-lag.js';
import { fluxPartition } from './partition.js';
import { fluxPgDown } from './pg-down.js';
import { fluxPoolExhausted } from './pool-exhausted.js';
import { fluxRedisDown } from './redis-down.js';
import { fluxRedisOom } from './redis-oom.js';
import { fluxRedisPgMismatch } from './redis-pg-mismatch.js';
import { fluxWorkerCrash } from './worker-crash.js';
import { fluxWorkerOom } from './worker-oom.js';

/** One scenario per failure in the Flux-Gate document, in its order. */
export const fluxScenarios = [
  fluxRedisDown, fluxRedisOom, fluxKafkaDown, fluxKafkaLag, fluxWorkerCrash, fluxWorkerOom,
  fluxPgDown, fluxPoolExhausted, fluxApiCrash, fluxRedisPgMismatch, fluxPartition,
];
