import { describe, expect, it } from 'vitest';
import { sec, Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { FIREWALL_CONFIG, VALID_FIREWALL_ENV } from '../../models/app-config/config-schema.js';
import { broken, ConfiguredApp, type AppReply, type ConfigMode } from '../../models/app-config/configured-app.js';
import { checkField, describeConfigProblems, validateConfig } from '../../models/app-config/validate-config.js';

describe('validateConfig (zod, as the seed does with Pydantic)', () => {
  it('a valid environment parses, numbers coerced and the seed defaults filled in', () => {
    const v = validateConfig(FIREWALL_CONFIG, { ...VALID_FIREWALL_ENV, JWT_LEEWAY_SECONDS: '5' });
    expect(v.ok && v.config).toMatchObject({ RATE_LIMIT_PER_MINUTE: 250, JWT_LEEWAY_SECONDS: 5, DB_QUERY_TIMEOUT_SECONDS: 30 });
  });

  it('names every wrong field: a missing required one, a wrong type, a too-short secret', () => {
    const v = validateConfig(FIREWALL_CONFIG, { ...broken(VALID_FIREWALL_ENV, 'DATABASE_URL', undefined), RATE_LIMIT_PER_MINUTE: 'lots', JWT_SECRET: 'short' });
    expect(v.ok).toBe(false);
    const problems = v.ok ? [] : v.problems;
    expect(problems.map((p) => p.field)).toEqual(['DATABASE_URL', 'JWT_SECRET', 'RATE_LIMIT_PER_MINUTE']);
    expect(describeConfigProblems(problems)).toMatch(/^config invalid: DATABASE_URL: .+; JWT_SECRET: .+; RATE_LIMIT_PER_MINUTE: /);
  });

  it('a lazy read checks one field only', () => {
    const raw = broken(VALID_FIREWALL_ENV, 'DATABASE_URL', 'not a url');
    expect(checkField(FIREWALL_CONFIG, raw, 'API_KEYS')).toBeNull();
    expect(checkField(FIREWALL_CONFIG, raw, 'DATABASE_URL')?.field).toBe('DATABASE_URL');
  });
});

describe('bad config: fail-fast vs lazy', () => {
  /** Good config at 0; at 60 s DATABASE_URL is removed and the pods restarted at 61 s; fixed at 100 s. A request every 5 s reads API_KEYS, every other one DATABASE_URL too. */
  function run(mode: ConfigMode) {
    const sim = new Simulation({ seed: 1 });
    const events: string[] = [];
    sim.trace.addSink({ record: (r: TraceRecord) => { if (r.source === 'app') events.push(`${r.t / 1e6}s ${r.kind}${r.kind === 'config-invalid' ? ` +${(r.data as { restartInMs: number }).restartInMs / 1000}s` : ''}`); } });
    const app = new ConfiguredApp(sim, 'app', FIREWALL_CONFIG, VALID_FIREWALL_ENV, { mode });
    sim.faults.schedule([
      { at: sec(60), target: 'app', kind: 'bad-config', params: { field: 'DATABASE_URL' } },
      { at: sec(61), target: 'app', kind: 'restart' },
      { at: sec(100), target: 'app', kind: 'fix-config' },
    ]);
    const replies: [number, AppReply][] = [];
    for (let t = 62; t <= 200; t += 5) sim.at(sec(t), () => replies.push([t, app.handle(t % 10 === 2 ? ['API_KEYS', 'DATABASE_URL'] : ['API_KEYS'])]));
    sim.run(sec(200));
    return { app, events, replies };
  }

  it('fail-fast: the new container exits 1 s after each start and never gets Ready; CrashLoopBackOff 0, 10, 20, 40 s; the fix is read at the next restart', () => {
    const { app, events, replies } = run('fail-fast');
    expect(events).toEqual([
      '0s container-started', '5s ready', '60s config-installed',
      '61s container-started', '62s config-invalid +0s',
      '62s container-started', '63s config-invalid +10s',
      '73s container-started', '74s config-invalid +20s',
      '94s container-started', '95s config-invalid +40s',
      '100s config-installed',
      '135s container-started', '140s ready',
    ]);
    expect(app.restarts).toBe(4);
    // Unavailable (no Ready pod: in a Deployment, the old ReplicaSet's pods would serve) until 140 s, then every request passes.
    expect(replies.filter(([t]) => t < 140).every(([, r]) => r === 'unavailable')).toBe(true);
    expect(replies.filter(([t]) => t > 140).every(([, r]) => r === 'ok')).toBe(true);
  });

  it('lazy: the container gets Ready at 66 s and fails only the requests that read DATABASE_URL, until a restart after the fix', () => {
    const { app, events, replies } = run('lazy');
    expect(events).toEqual(['0s container-started', '5s ready', '60s config-installed', '61s container-started', '66s ready', '72s config-error', '100s config-installed']);
    const after = replies.filter(([t]) => t >= 66);
    expect(after.filter(([, r]) => r === 'config-error').map(([t]) => t)).toEqual(after.filter(([t]) => t % 10 === 2).map(([t]) => t));
    expect(after.filter(([t]) => t % 10 === 7).every(([, r]) => r === 'ok')).toBe(true);
    expect(app.configErrors).toBe(13); // 72, 82, ..., 192: the fix waits for a restart that never comes
    expect(app.restarts).toBe(0);
  });
});
