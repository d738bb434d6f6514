/**
 * Running a scenario from your own code instead of the CLI:
 *
 *   npx tsx examples/programmatic.ts
 *
 * runScenario is synchronous and pure: the same scenario, seed and params
 * always give the same result, digest included. Here it sweeps the health
 * check interval and prints what each setting costs.
 */
import { formatDuration, ms, runScenario } from 'failsim';
import scenario from './my-scenario.js';

console.log('checkIntervalMs  failed requests  error rate  longest black hole  claims');
for (const checkIntervalMs of [500, 1_000, 2_000, 5_000, 10_000]) {
  const result = runScenario(scenario, { seed: 1, params: { checkIntervalMs } });
  const { failedRequests, errorPercent, longestBlackholeMs } = result.metrics;
  const held = result.claims.filter((c) => c.pass).length;
  console.log(
    `${String(checkIntervalMs).padStart(15)}  ${String(failedRequests).padStart(15)}  ${errorPercent.toFixed(2).padStart(9)}%` +
      `  ${formatDuration(ms(longestBlackholeMs)).padStart(18)}  ${held}/${result.claims.length} held`,
  );
}
