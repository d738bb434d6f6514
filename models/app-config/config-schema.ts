import { z } from 'zod';

/**
 * Seed 004's service settings as environment variables (the seed validates
 * them with Pydantic; zod plays that part here): required fields without a
 * default, numbers coerced from their string form, sensible defaults where
 * safe (the seed's figures). Field names follow the env-var convention.
 */
export const FIREWALL_CONFIG = z.object({
  DATABASE_URL: z.url().describe('PostgreSQL DSN (required)'),
  JWT_SECRET: z.string().min(32).describe('HS256 signing key, at least 32 characters (required)'),
  API_KEYS: z.string().min(1).describe('comma-separated valid API keys (required)'),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(250),
  JWT_LEEWAY_SECONDS: z.coerce.number().nonnegative().default(10),
  DB_QUERY_TIMEOUT_SECONDS: z.coerce.number().positive().default(30),
  EXTERNAL_API_TIMEOUT_SECONDS: z.coerce.number().positive().default(30),
});

export type FirewallConfig = z.output<typeof FIREWALL_CONFIG>;
/** Raw settings as the process environment holds them (absent: not set). */
export type RawConfig = Readonly<Record<string, string | undefined>>;

/** A valid raw config for FIREWALL_CONFIG (tests and examples start from it). */
export const VALID_FIREWALL_ENV: RawConfig = {
  DATABASE_URL: 'postgresql://firewall@db:5432/firewall',
  JWT_SECRET: 'a-signing-key-of-at-least-32-characters',
  API_KEYS: 'key-a,key-b',
};
