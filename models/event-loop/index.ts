export { BlockingDetector, DEFAULT_BLOCKING_DETECTOR, type BlockingDetectorOptions, type BlockingMeasure } from './blocking-detector.js';
export { CpuPool } from './cpu-pool.js';
export { checkCpuCost, cpuCostMeanMs, sampleCpuCost, type CpuCost } from './cpu-cost.js';
export type { EventLoopEvents, EventLoopRecord } from './event-loop-events.js';
export { DEFAULT_EVENT_LOOP, checkEventLoopOptions, type EventLoopOptions, type Offload } from './event-loop-options.js';
export { EventLoopServer } from './event-loop-server.js';
export { QueueDepthBreaker, SEED_000C_BREAKER, type DepthVerdict, type QueueDepthBreakerOptions } from './queue-depth-breaker.js';
