import { defineSystem } from '../../src/scenario/system.js';
import { callsBounded } from './invariants/calls-bounded.js';
import { liveAgain } from './invariants/live-again.js';
import { appliedOnce } from './invariants/applied-once.js';
import { corruptionFound } from './invariants/corruption-found.js';
import { dependencyFaultSpace } from './fault-space.js';
import { PATTERNS_METRIC_INFO } from './metric-info.js';
import { patternsMetrics } from './metrics.js';
import { observePatterns } from './observers/observe.js';
import { patternsPanes } from './panes.js';
import { patternsParams } from './params.js';
import { describePatterns } from './timeline.js';
import { buildPatterns } from './world.js';

/**
 * Seed 001's unhappy-path patterns: clients call a dependency (or a gateway
 * calls three) through timeouts, retries, a breaker, a bulkhead and a
 * fallback, each a switch; one scenario per question of the document.
 */
export const patterns = defineSystem({
  id: 'patterns',
  source: 'seeds/001_c2d78e65abd78ba3.txt (Failure Mode Design: the unhappy path)',
  params: patternsParams,
  durationMs: (p) => p.durationMs,
  build: buildPatterns,
  observe: observePatterns,
  metrics: patternsMetrics,
  metricInfo: PATTERNS_METRIC_INFO,
  timeline: describePatterns,
  panes: patternsPanes,
  invariants: [callsBounded, liveAgain, appliedOnce, corruptionFound],
  faultSpace: dependencyFaultSpace,
});
