import type { Micros } from '../../src/kernel/time.js';
import type { CallError, CallResult } from './call-result.js';

/** One logical call: its attempts, the last back-off, and, once ended, its result. */
export class LogicalCall implements CallResult {
  ok = false;
  source: CallResult['source'] = 'none';
  error: CallError | null = null;
  attempts = 0;
  /** Tries, those a breaker or bulkhead turned away included: the retry policy counts these. */
  tries = 0;
  endedAt: Micros = -1;
  staleUs: Micros = 0;
  previousDelayUs: Micros = 0;
  /** What the last retry was paid for with (the AWS quota refunds that cost on success). */
  lastRetryCause: 'error' | 'timeout' = 'error';
  constructor(readonly done: (r: CallResult) => void, readonly startedAt: Micros, readonly deadlineAt: Micros) {}
}

