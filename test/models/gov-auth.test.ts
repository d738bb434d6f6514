import { describe, expect, it } from 'vitest';
import { sec, Simulation, type TraceRecord } from '../../src/kernel/index.js';
import { apiKeyStore, checkApiKey, revokeKey } from '../../models/auth/api-key.js';
import { AuthGate } from '../../models/auth/auth-gate.js';
import { acceptedSkewS, issueJwt, PYJWT_DEFAULTS, SEED_004_JWT, validateJwt } from '../../models/auth/jwt.js';
import { startBruteForce } from '../../models/auth/brute-force.js';
import { TokenClient } from '../../models/auth/token-client.js';
import { RateLimitGate } from '../../models/rate-limit/rate-limit-gate.js';

const SEED = { leewayS: 10, require: [] } as const;

function recorded(sim: Simulation) {
  const recs: TraceRecord[] = [];
  sim.trace.addSink({ record: (rec) => recs.push(rec) });
  return recs;
}

describe('PyJWT claim checks (jwt/api_jwt.py: exp <= now - leeway, nbf/iat > now + leeway)', () => {
  const now = 1_000;
  const tok = (claims: { exp?: number; nbf?: number; iat?: number }) => ({ signatureValid: true, ...claims });

  it('exp 5 s in the past passes with leeway 10; 11 s fails; exactly 10 s fails (<=)', () => {
    expect(validateJwt(tok({ exp: now - 5 }), now, SEED)).toBe('ok');
    expect(validateJwt(tok({ exp: now - 11 }), now, SEED)).toBe('expired');
    expect(validateJwt(tok({ exp: now - 10 }), now, SEED)).toBe('expired');
    // PyJWT casts exp with int(): 990.1 becomes 990, which is <= 1000 - 10.
    expect(validateJwt(tok({ exp: now - 9.9 }), now, SEED)).toBe('expired');
    expect(validateJwt(tok({ exp: now - 9 }), now, SEED)).toBe('ok');
  });

  it('default leeway 0: a token is refused at exp itself; exp is truncated to whole seconds', () => {
    expect(validateJwt(tok({ exp: now }), now, PYJWT_DEFAULTS)).toBe('expired');
    expect(validateJwt(tok({ exp: now + 0.9 }), now, PYJWT_DEFAULTS)).toBe('expired');
    expect(validateJwt(tok({ exp: now + 1 }), now, PYJWT_DEFAULTS)).toBe('ok');
  });

  it('nbf and iat up to the leeway in the future pass, beyond it are not yet valid', () => {
    expect(validateJwt(tok({ nbf: now + 10 }), now, SEED)).toBe('ok');
    expect(validateJwt(tok({ nbf: now + 11 }), now, SEED)).toBe('not-yet-valid');
    expect(validateJwt(tok({ iat: now + 10.5 }), now, SEED)).toBe('not-yet-valid');
    expect(validateJwt(tok({ nbf: now + 1 }), now, PYJWT_DEFAULTS)).toBe('not-yet-valid');
  });

  it('signature first, then required claims, then iat, nbf, exp', () => {
    expect(validateJwt({ signatureValid: false, exp: now - 100 }, now, SEED)).toBe('invalid-signature');
    expect(validateJwt(tok({}), now, SEED_004_JWT)).toBe('missing');
    expect(validateJwt(null, now, SEED)).toBe('missing');
    expect(validateJwt(tok({ iat: now + 60, exp: now - 60 }), now, SEED)).toBe('not-yet-valid');
  });

  it('skew window for a fresh token: offsets in (-(lifetime + leeway), leeway] pass', () => {
    const w = acceptedSkewS(SEED, 300);
    expect(w).toEqual({ minS: -310, maxS: 10 });
    const verify = (issuerAheadS: number) => validateJwt(issueJwt(now + issuerAheadS, 300), now, SEED);
    expect([verify(10), verify(11), verify(-309), verify(-310)]).toEqual(['ok', 'not-yet-valid', 'ok', 'expired']);
  });
});

describe('API keys', () => {
  it('issued, unknown, revoked, missing', () => {
    const store = apiKeyStore(['a', 'b']);
    const revoked = revokeKey(store, 'b');
    expect([checkApiKey(store, 'a'), checkApiKey(store, 'x'), checkApiKey(revoked, 'b'), checkApiKey(store, null), checkApiKey(store, '')])
      .toEqual(['ok', 'invalid-key', 'revoked', 'missing', 'missing']);
  });
});

describe('token client and clock skew', () => {
  function run(o: { offsetMs: number; refresh: 'proactive' | 'on-401' }) {
    const sim = new Simulation({ seed: 1 });
    const gate = new AuthGate(sim, 'api', { apiKeys: apiKeyStore([]), jwt: SEED_004_JWT });
    const client = new TokenClient(sim, 'app', gate, { tokenLifetimeS: 300, refreshBeforeS: 30, refresh: o.refresh, clockOffsetMs: o.offsetMs });
    client.sendEvery(1000, sec(599));
    sim.run(sec(600));
    return { sim, gate, client };
  }

  it('proactive refresh by a clock 20 s behind still renews before exp + leeway: no 401', () => {
    const { client } = run({ offsetMs: -20_000, refresh: 'proactive' });
    expect(client.rejected.size).toBe(0);
    expect([client.sent, client.succeeded, client.refreshes]).toEqual([600, 600, 3]); // initial at 0.1 s, then at 290.1 and ~580 s
  });

  it('a clock 60 s behind (more than refreshBefore + leeway) refreshes too late: one 401 "expired" per token, resent after a refresh', () => {
    const { client, gate, sim } = run({ offsetMs: -60_000, refresh: 'proactive' });
    // Token 1: iat 0, exp 300; the gate refuses from 310 s; the client would refresh at 300 - 30 + 60 = 330 s.
    expect(client.rejected.get('expired')).toBe(1);
    expect(client.failed).toBe(0);
    expect(client.succeeded).toBe(600);
    expect(gate.counters.snapshot()).toMatchObject({ ok: 600, expired: 1 });
    expect(sim.metrics.counter('api.auth_attempts.expired').value).toBe(1);
  });

  it('on-401 refresh with true clocks: the first request at exp + leeway is refused, then the token is renewed', () => {
    const { client } = run({ offsetMs: 0, refresh: 'on-401' });
    // exp 300 -> 401 at 310 s; new token iat 310, exp 610 (beyond the run).
    expect(client.rejected.get('expired')).toBe(1);
    expect(client.refreshes).toBe(2);
  });

  it('a self-signing client whose clock jumps 15 s ahead mints tokens "not yet valid" for their first 5 s', () => {
    const sim = new Simulation({ seed: 1 });
    const recs = recorded(sim);
    const gate = new AuthGate(sim, 'api', { apiKeys: apiKeyStore([]), jwt: { leewayS: 10, require: ['exp'] } });
    const client = new TokenClient(sim, 'app', gate, { tokenLifetimeS: 300, signer: 'client' });
    sim.faults.schedule([{ at: 0, target: 'app', kind: 'clock-skew', params: { offsetMs: 15_000 } }]);
    client.sendEvery(1000, sec(20));
    sim.run(sec(30));
    // Token at 0.1 s carries iat = 15; refused while 15 > now + 10, at 0.1, 1, 2, 3, 4 s.
    expect(client.rejected.get('not-yet-valid')).toBe(5);
    expect(client.failed).toBe(5);
    expect(recs.filter((r) => r.source === 'app' && r.kind === 'clock-skewed')).toHaveLength(1);
  });
});

describe('brute force against the gate behind a rate limiter', () => {
  it('a 50/s guesser is held to burst + rate x t by a shared 250/min limiter, and trips HighAuthFailureRate', () => {
    const sim = new Simulation({ seed: 7 });
    const recs = recorded(sim);
    const gate = new AuthGate(sim, 'api', { apiKeys: apiKeyStore(['good']) });
    const limiter = new RateLimitGate(sim, 'limiter');
    const attack = startBruteForce(sim, (client, c) => { if (limiter.admit(0, client).allowed) gate.authenticate(c); }, sec(60), { ratePerS: 50 });
    sim.run();
    const reached = gate.counters.of('invalid-key');
    expect(attack.sent()).toBeGreaterThan(2700);
    expect(reached).toBeLessThanOrEqual(500); // 250 burst + 250 refilled in 60 s
    expect(reached).toBeGreaterThan(490);
    expect(limiter.rejected).toBe(attack.sent() - reached);
    expect(recs.find((r) => r.kind === 'auth-alert')?.data).toMatchObject({ firing: true, failureRate: 1 });
  });
});
