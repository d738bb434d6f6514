import { describe, expect, it } from 'vitest';
import { runScenario } from '../../src/runner/run-scenario.js';
import type { AnyScenario } from '../../src/scenario/index.js';
import type { FirewallMetrics } from '../../scenarios/firewall/metrics.js';
import { firewallDbConnection } from '../../scenarios/firewall/db-connection.js';
import { firewallRateLimit } from '../../scenarios/firewall/rate-limit.js';
import { firewallInvalidCredentials } from '../../scenarios/firewall/invalid-credentials.js';
import { firewallInvalidConfig } from '../../scenarios/firewall/invalid-config.js';
import { firewallFailedRollout } from '../../scenarios/firewall/failed-rollout.js';
import { firewallJwtExpiry } from '../../scenarios/firewall/jwt-expiry.js';
import { firewallNetworkIsolation } from '../../scenarios/firewall/network-isolation.js';
import { firewallExternalApi } from '../../scenarios/firewall/external-api.js';
import { firewallMigrationMismatch } from '../../scenarios/firewall/migration-mismatch.js';

const run = (s: AnyScenario, params: Record<string, unknown> = {}, seed = 42) => runScenario(s, { seed, params, timeline: false });
const metrics = (s: AnyScenario, params: Record<string, unknown> = {}) => run(s, params).metrics as FirewallMetrics;

describe('firewall-db-connection: PostgreSQL down for 120 s', () => {
  const r = run(firewallDbConnection);
  const m = r.metrics as FirewallMetrics;

  it('/health answers 503, so every pod leaves the Service and the ingress answers 503 at once: nothing queues', () => {
    expect(m.minReadyPods).toBe(0);
    expect(m.gatewayTimeouts).toBe(0);
    expect(m.serverErrors).toBeGreaterThan(1_000);
  });

  it('the pods come back without an operator, within the back-off cap (30 s) and a readiness period (10 s) of the restart', () => {
    expect(m.manualStepNeeded).toBe(0);
    expect(m.timeToRecoverMs - 120_000).toBeLessThanOrEqual(30_000 + 10_000 + 2_000);
    expect(r.invariants.every((i) => i.pass)).toBe(true);
  });

  it('two minutes of outage is about 2.2 bad minutes of 43.2: Medium, not the section\'s High', () => {
    expect(m.budgetBurnedPct).toBeGreaterThan(2);
    expect(m.budgetBurnedPct).toBeLessThan(10);
    expect(m.sloImpactLevel).toBe(2);
  });

  it('is deterministic: same seed, same digest', () => {
    expect(run(firewallDbConnection).digest).toBe(r.digest);
  });
});

describe('firewall-rate-limit: one client at 600 requests per minute against 250', () => {
  it('a per-pod limiter on three pods lets it through (3 x 250 > 600); a shared one holds it to 250 a minute plus the burst', () => {
    const perPod = metrics(firewallRateLimit);
    const shared = metrics(firewallRateLimit, { rateLimiter: 'shared' });
    expect(perPod.greedyAdmittedPerMin).toBeGreaterThan(550);
    expect(perPod.legitRateLimited).toBeLessThan(20);
    // 250 per minute over 5 minutes, plus a burst of 50 spread over them.
    expect(shared.greedyAdmittedPerMin).toBeGreaterThan(245);
    expect(shared.greedyAdmittedPerMin).toBeLessThan(250 + 50 / 5 + 5);
    expect(shared.othersRateLimited).toBe(0);
  });
});

describe('firewall-invalid-credentials: 20 guesses per second', () => {
  it('a limiter in front of authentication slows guessing to about 250 a minute per pod; behind it (a route decorator) it counts none', () => {
    const before = metrics(firewallInvalidCredentials);
    const after = metrics(firewallInvalidCredentials, { rateLimitOrder: 'after-auth' });
    expect(before.attackerPassedPerMin).toBeLessThan(3 * 260);
    expect(after.attackerPassedPerMin).toBeGreaterThan(1_150);
    expect(after.sloImpactLevel).toBe(0);
  });
});

describe('firewall-invalid-config and failed rollouts under maxUnavailable 0', () => {
  it('fail-fast validation keeps the bad revision out: v1.0 serves, the rollout stalls; lazy validation lets it roll out and fail every request', () => {
    const failFast = metrics(firewallInvalidConfig);
    const lazy = metrics(firewallInvalidConfig, { configValidation: 'lazy' });
    expect([failFast.sloImpactLevel, failFast.legitFailedPct]).toEqual([0, 0]);
    expect(failFast.startupFailures).toBeGreaterThan(3);
    expect(lazy.startupFailures).toBe(0);
    expect(lazy.sloImpactLevel).toBe(3);
    expect(lazy.legitFailedPct).toBeGreaterThan(50);
  });

  it('a crashing v1.1: ProgressDeadlineExceeded 600 s after the rollout; Kubernetes rolls nothing back, the CI pipeline does', () => {
    const ci = metrics(firewallFailedRollout);
    const none = metrics(firewallFailedRollout, { mitigation: 'off' });
    expect(ci.detectNotProgressingMs).toBeGreaterThanOrEqual(600_000);
    expect(ci.detectNotProgressingMs).toBeLessThanOrEqual(615_000);
    expect([ci.rolledBack, none.rolledBack, none.rolloutStuck, none.manualStepNeeded]).toEqual([1, 0, 1, 1]);
    expect(none.legitFailedPct).toBe(0);
  });

  it('the schema check: v1.1 on schema 1 is refused at start (None); without the check it starts and its queries fail (High)', () => {
    const checked = metrics(firewallMigrationMismatch);
    const unchecked = metrics(firewallMigrationMismatch, { schemaCheck: 'off' });
    const migrated = metrics(firewallMigrationMismatch, { mitigation: 'on' });
    expect(checked.sloImpactLevel).toBe(0);
    expect(unchecked.sloImpactLevel).toBe(3);
    expect([migrated.startupFailures, migrated.rolloutStuck, migrated.legitFailedPct]).toEqual([0, 0, 0]);
  });
});

describe('firewall-jwt-expiry: the verifier 30 s ahead with 10 s leeway', () => {
  it('clients refreshing after a 401 get one per token; refreshing a minute early gets none; no request fails either way', () => {
    const on401 = metrics(firewallJwtExpiry);
    const proactive = metrics(firewallJwtExpiry, { tokenRefresh: 'proactive' });
    expect(on401.legitUnauthorized).toBeGreaterThan(20);
    expect(proactive.legitUnauthorized).toBe(0);
    expect([on401.legitFailedPct, proactive.legitFailedPct]).toEqual([0, 0]);
  });
});

describe('firewall-network-isolation: one pod cut off from the database', () => {
  it('its queries time out (no refusal), readiness takes it out of the Service, nothing restarts it; allowing 5432 avoids it all', () => {
    const cut = metrics(firewallNetworkIsolation);
    const allowed = metrics(firewallNetworkIsolation, { mitigation: 'on' });
    expect(cut.deniedFlows).toBeGreaterThan(0);
    expect(cut.minReadyPods).toBe(2);
    expect(cut.containerRestarts).toBe(0);
    expect(cut.manualStepNeeded).toBe(1);
    expect([allowed.deniedFlows, allowed.minReadyPods, allowed.serverErrors]).toEqual([0, 3, 0]);
  });
});

describe('firewall-external-api: the external API hangs for two minutes', () => {
  it('the breakers open and the cache answers; without the breaker, calls held 3 x 30 s fail many more requests', () => {
    const seed = metrics(firewallExternalApi);
    const bare = metrics(firewallExternalApi, { breaker: 'none' });
    expect(seed.breakerOpens).toBeGreaterThan(0);
    expect(seed.fallbackAnswers).toBeGreaterThan(100);
    expect(bare.breakerOpens).toBe(0);
    expect(bare.legitFailedPct).toBeGreaterThan(2 * seed.legitFailedPct);
  });
});
