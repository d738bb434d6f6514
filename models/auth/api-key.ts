import type { AuthOutcome } from './auth-outcome.js';

/**
 * The API keys a service accepts: the issued ones, and those withdrawn since
 * (kept apart so a revoked key is told from a guess in the counters). A
 * revoked key is refused even if it is still listed as issued: revocation
 * wins, as a deny list checked first does.
 */
export interface ApiKeyStore {
  readonly valid: ReadonlySet<string>;
  readonly revoked: ReadonlySet<string>;
}

export function apiKeyStore(valid: Iterable<string>, revoked: Iterable<string> = []): ApiKeyStore {
  return { valid: new Set(valid), revoked: new Set(revoked) };
}

/** The outcome of presenting `key` (null or empty: no key header at all). */
export function checkApiKey(store: ApiKeyStore, key: string | null): AuthOutcome {
  if (key === null || key === '') return 'missing';
  if (store.revoked.has(key)) return 'revoked';
  return store.valid.has(key) ? 'ok' : 'invalid-key';
}

/** The store with `key` withdrawn. */
export function revokeKey(store: ApiKeyStore, key: string): ApiKeyStore {
  return { valid: store.valid, revoked: new Set([...store.revoked, key]) };
}
