export { cfsWallMs, cfsQuotaUs, DEFAULT_CFS_PERIOD_MS } from './cfs-quota.js';
export { CfsCpu, type CfsCpuOptions, type CpuStat } from './cfs-cpu.js';
export { MemoryCgroup, memoryPercent, memoryOver, type MemoryCgroupOptions, type OomKill } from './memory-cgroup.js';
export { MetricsServer, containerScrapeTarget, DEFAULT_METRIC_RESOLUTION_MS, type MetricsServerOptions, type PodMetric, type ScrapeTarget } from './metrics-server.js';
export { groupPods, resourceReplicas, utilizationRatio, DEFAULT_REPLICA_CALC, type HpaPod, type HpaSample, type PodGroups, type ReplicaCalcOptions, type ReplicaCalcResult } from './hpa.js';
export {
  DEFAULT_HPA_BEHAVIOR, EMPTY_HPA_HISTORY, normalizeWithBehavior, recordScale, scaleDownLimit, scaleUpLimit,
  type HpaBehavior, type HpaHistory, type HpaScalingPolicy, type HpaScalingRules, type Normalized,
} from './hpa-behavior.js';
export { HpaController, DEFAULT_HPA, type HpaControllerOptions, type HpaMetricsSource, type HpaScaleTarget } from './hpa-controller.js';
export { resolveFenceposts, newRsTarget, oldRsTargets, DEFAULT_MAX_SURGE, DEFAULT_MAX_UNAVAILABLE, type Fenceposts, type IntOrPercent, type RsSize } from './rollout.js';
export { Deployment as K8sDeployment, DEFAULT_DEPLOYMENT as DEFAULT_K8S_DEPLOYMENT, type DeploymentOptions as K8sDeploymentOptions, type Replica, type ReplicaFactory, type RolloutCondition } from './deployment.js';
export { NetworkPolicies, policyAdmits, callThroughPolicy, type Labels, type LabelsOf, type NetworkPolicySpec, type PolicyPeer, type PolicyRule } from './network-policy.js';
export type { K8sResourceEvents, K8sResourceRecord } from './resource-events.js';
