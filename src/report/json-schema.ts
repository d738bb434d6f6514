import { z } from 'zod';
import { DeterminismSchema } from './determinism-schema.js';

/** One fault as the JSON documents hold it; `at` in ms of virtual time. */
export const FaultJsonSchema = z.strictObject({
  at: z.number().nonnegative(),
  target: z.string(),
  kind: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
});

/**
 * A claim's or invariant's outcome. "not reached": the run ended (--until)
 * before a scheduled fault fired or before an `eventually` deadline, so it
 * was not judged; `pass` is then false. Written by every run since it was
 * added; absent from older documents, where `pass` alone was the verdict.
 */
export const VerdictJsonSchema = z.enum(['pass', 'fail', 'not reached']);

/** One invariant's verdict; atMs is when it broke, if known. */
export const InvariantJsonSchema = z.strictObject({
  name: z.string(),
  kind: z.enum(['always', 'eventually']),
  /** True only when it held (verdict "pass"). */
  pass: z.boolean(),
  verdict: VerdictJsonSchema.optional(),
  detail: z.string(),
  atMs: z.number().nonnegative().optional(),
  source: z.string().optional(),
});

/**
 * The `sim run --json` document, format version 1. Stable: within a version
 * no field is removed, renamed or given a new meaning; anything that would
 * break a reader gets a new version number. Deterministic: the same scenario, seed,
 * settings and faults give the same bytes (no wall-clock fields).
 */
export const JsonReportSchema = z.strictObject({
  /** Format version of this document. */
  failsim: z.literal(1),
  scenario: z.string(),
  title: z.string(),
  /** The document the scenario's claims come from. */
  source: z.string(),
  seed: z.number().int().nonnegative(),
  /** Every parameter the run used, defaults included. */
  params: z.record(z.string(), z.unknown()),
  /** Virtual run length in ms. */
  untilMs: z.number().nonnegative(),
  /** The fault schedule that ran; `at` in ms. */
  faults: z.array(FaultJsonSchema),
  /** Chain digest of the whole trace (16 hex digits); equal digests mean equal runs. */
  digest: z.string().regex(/^[0-9a-f]{16}$/),
  /** Kernel events processed. */
  events: z.number().int().nonnegative(),
  /** Trace records the digest covers. */
  traceRecords: z.number().int().nonnegative(),
  /** Measured metrics; null where the value was NaN or ±Infinity, which JSON cannot hold. */
  metrics: z.record(z.string(), z.number().nullable()),
  claims: z.array(z.strictObject({
    name: z.string(),
    /** True only when the claim held (verdict "pass"). */
    pass: z.boolean(),
    verdict: VerdictJsonSchema.optional(),
    detail: z.string(),
    source: z.string().optional(),
  })),
  /** The scenario's key events, in order; tMs is virtual time in ms. */
  timeline: z.array(z.strictObject({
    tMs: z.number().nonnegative(),
    source: z.string(),
    kind: z.string(),
    text: z.string(),
  })),
  /** Remarks on the configuration, e.g. a violated timing rule. */
  notes: z.array(z.string()),
  /** True when every claim and invariant held, none violated or not reached (exit code 0). */
  ok: z.boolean(),
  /** The scenario's invariants and their verdicts; atMs is when one broke, if known. Empty when it declares none. */
  invariants: z.array(InvariantJsonSchema),
  /** What the run exercised: faults delivered by kind, and how often each `sometimes` path was reached. */
  coverage: z.strictObject({
    faults: z.record(z.string(), z.number().int().nonnegative()),
    reached: z.record(z.string(), z.number().int().nonnegative()),
  }),
  /** Only with --verify-determinism: whether a second run gave the same trace and metrics, and where it parted if not. */
  determinism: DeterminismSchema.optional(),
});

export type JsonReport = z.infer<typeof JsonReportSchema>;
export type FaultJson = z.infer<typeof FaultJsonSchema>;
export type InvariantJson = z.infer<typeof InvariantJsonSchema>;
