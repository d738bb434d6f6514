import { claim, detectedBy, sloImpact } from './claims.js';
import { documented } from './document.js';
import { firewall } from './system.js';

/** Seed 004, 4: an attacker guesses API keys at 20 per second for five minutes. */
export const firewallInvalidCredentials = firewall.scenario({
  id: 'firewall-invalid-credentials',
  title: 'Invalid credentials: a brute-force client guessing API keys',
  source: '4. Invalid Authentication Credentials',
  description: 'From 60 s, for 5 minutes, one client sends 20 guessed API keys per second. --set rateLimitOrder=after-auth puts the limiter behind authentication (a route decorator): failed logins are never counted.',
  documented: documented('None', false),
  defaults: { durationMs: 420_000, faultForMs: 300_000, bruteForcePerS: 20 },
  faults: () => [],
  claims: [
    claim(4, 'Mitigation', 'invalid requests are rejected at once (401, no processing)', (m) => ({
      pass: m.attackerAttempts > 0 && m.serverErrors === 0, detail: `${m.attackerAttempts} guesses, no server error caused`,
    })),
    claim(4, 'Mitigation', 'rate limiting prevents brute force', (m, p) => ({
      pass: m.attackerPassedPerMin <= p.rateLimitPerMin,
      detail: `${m.attackerPassedPerMin.toFixed(0)} guesses per minute reached the key check (limit ${p.rateLimitPerMin}/min per client${p.rateLimiter === 'per-pod' ? ', kept per pod' : ''}, limiter ${p.rateLimitOrder}): it slows guessing, it does not stop it`,
    })),
    detectedBy(4, 'HighAuthFailureRate (> 10 %)', 'detectAuthFailuresMs', 60_000),
    sloImpact(4, 'None', 'invalid requests expected'),
  ],
});
export default firewallInvalidCredentials;
