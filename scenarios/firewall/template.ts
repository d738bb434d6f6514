import type { Release } from '../../models/deploy/release.js';

/**
 * What a Deployment revision runs: the code (a release with its schema
 * versions and defect), its configuration as mounted from the ConfigMap,
 * and a memory leak if the code has one.
 */
export interface FirewallTemplate {
  readonly release: Release;
  /** The configuration field that is wrong (missing or of the wrong type), or null when it is valid. */
  readonly badConfigField: string | null;
  readonly leakPerRequestBytes: number;
}
