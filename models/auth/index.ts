/** Authentication (seed 004): API keys, PyJWT-style JWT checks with leeway, skewed clocks, a refreshing client, a brute-force client. */
export { AUTH_OUTCOMES, AuthCounters, SEED_004_AUTH_ALERT_FRACTION, authStatus, type AuthOutcome } from './auth-outcome.js';
export { apiKeyStore, checkApiKey, revokeKey, type ApiKeyStore } from './api-key.js';
export { PYJWT_DEFAULTS, SEED_004_JWT, acceptedSkewS, issueJwt, validateJwt, type JwtClaims, type JwtVerifyOptions, type TimeClaim } from './jwt.js';
export { CLOCK_SKEW_PARAMS, SkewedClock } from './clock.js';
export { AuthGate, DEFAULT_AUTH_GATE, type AuthGateOptions, type Credential } from './auth-gate.js';
export { DEFAULT_TOKEN_CLIENT, TokenClient, type ExpirySource, type RefreshMode, type TokenClientOptions, type TokenSigner } from './token-client.js';
export { DEFAULT_BRUTE_FORCE, startBruteForce, type BruteForceOptions, type GuessSink } from './brute-force.js';
export { type AuthEvents, type AuthRecord } from './auth-events.js';
