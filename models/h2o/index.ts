export { H2OCloud, H2O_HEARTBEAT_MS, H2O_TIMEOUT_MS, type H2OCloudOptions } from './cloud.js';
export { Dkv, type DkvResult } from './dkv.js';
export { keyHash, homeIndex, chunkHomeIndex } from './key-home.js';
export { h2oRpc, resendDeadlineMs, H2O_RPC_RETRY_MS, H2O_RPC_MAX_TIMEOUT_MS, type RpcResult } from './rpc.js';
export { TrainingJob, type TrainingJobOptions, type JobState, type LostNodePolicy } from './training-job.js';
export { H2ORecovery, type RecoveryOptions, type RecoveryState } from './recovery.js';
export { NetworkPolicy, H2O_REST_PORT, H2O_INTERNAL_PORT } from './network-policy.js';
export type { H2OCloudEvents, H2OCloudRecord, H2OJobEvents, H2OJobRecord } from './h2o-events.js';
