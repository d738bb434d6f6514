/** Generic failure/repair processes for availability models. */
export { FailureRepair, type FailureRepairOptions } from './failure-repair.js';
export { sampleDistribution, distributionMean, distributionWithMean, checkDistribution, type Distribution, type DistributionKind } from './distribution.js';
