import fc from 'fast-check';

/**
 * A batch of cases for a driver to run, in order: it gives each verdict to
 * `take`, in that order, until `take` returns false (that case failed, so
 * the cases after it are not needed). A driver may run cases ahead of the
 * verdicts it has taken (on other threads), but `take` sees them in order,
 * so what the search decides never depends on how many ran at once.
 */
export interface RunRequest<T, V> {
  readonly phase: 'search' | 'shrink';
  readonly cases: readonly T[];
  readonly take: (verdict: V) => boolean;
}

export interface SearchOptions<T, V> {
  /** Cases to search (fast-check's numRuns). */
  readonly runs: number;
  /** fast-check's seed. */
  readonly seed: number;
  /** Most runs spent shrinking. */
  readonly shrinkBudget: number;
  /** Whether a verdict holds (false: the case is a counterexample). */
  readonly holds: (verdict: V) => boolean;
  /** Each run that counts, in order: search runs up to the first failure, shrink runs within the budget. */
  readonly onRun?: (phase: 'search' | 'shrink', c: T, verdict: V) => void;
}

export interface SearchResult<T> {
  /** Search runs, up to and including the first failure. */
  readonly runs: number;
  readonly shrinkRuns: number;
  /** Shrink steps taken: each one a smaller case that still failed. */
  readonly shrinks: number;
  readonly first: T | null;
  /** The smallest failing case found (the first one when it would not shrink). */
  readonly smallest: T | null;
}

/** Cases generated per search batch: bounds what is held at once, and costs a driver one wait for stragglers per batch. */
const SEARCH_BATCH = 1_000;
/** Shrink candidates per batch; a driver stops at the first that fails, so a long batch wastes nothing. */
const SHRINK_BATCH = 64;

/**
 * fast-check's search and shrink, with the runs handed to a driver in
 * batches so that they can run on several threads. The cases, their order
 * and every decision are fast-check's own (`fc.check` with the same seed
 * finds and shrinks to the same case, in the same number of runs): cases
 * and shrink candidates are read with `fc.sample` at fast-check's replay
 * paths ("i" for search case i, "i:j:k" for candidate k of the shrinks of
 * candidate j of case i), and the shrink walk is fast-check's: the first
 * failing candidate of a stream becomes the case whose shrinks are tried next.
 */
export function* shrinkSearch<T, V>(arb: fc.Arbitrary<T>, o: SearchOptions<T, V>): Generator<RunRequest<T, V>, SearchResult<T>, void> {
  const source = candidateSource(arb);
  const at = (path: readonly number[], count: number): T[] => fc.sample(source, { seed: o.seed, path: path.join(':'), numRuns: count }).map((t) => t[0]);
  const state = { runs: 0, shrinkRuns: 0, shrinks: 0, first: null as T | null, firstIndex: -1 };

  for (let from = 0; from < o.runs && state.first === null; from += SEARCH_BATCH) {
    const cases = at([from], Math.min(SEARCH_BATCH, o.runs - from));
    yield request('search', cases, (c, v) => {
      state.runs++;
      o.onRun?.('search', c, v);
      if (o.holds(v)) return true;
      state.first = c;
      state.firstIndex = state.runs - 1;
      return false;
    });
  }
  if (state.first === null) return { runs: state.runs, shrinkRuns: 0, shrinks: 0, first: null, smallest: null };

  const path = [state.firstIndex];
  let smallest: T = state.first;
  let offset = 0;
  while (state.shrinkRuns < o.shrinkBudget) {
    const cases = at([...path, offset], Math.min(SHRINK_BATCH, o.shrinkBudget - state.shrinkRuns));
    if (cases.length === 0) break; // no smaller case fails: fast-check's shrinking ends here too
    let failedAt = -1;
    yield request('shrink', cases, (c, v, k) => {
      state.shrinkRuns++;
      o.onRun?.('shrink', c, v);
      if (o.holds(v)) return true;
      failedAt = k;
      return false;
    });
    if (failedAt < 0) { offset += cases.length; continue; }
    path.push(offset + failedAt);
    smallest = cases[failedAt]!;
    state.shrinks++;
    offset = 0;
  }
  return { runs: state.runs, shrinkRuns: state.shrinkRuns, shrinks: state.shrinks, first: state.first, smallest };
}

/** A request whose `take` also knows which case each verdict is for. */
export function request<T, V>(phase: 'search' | 'shrink', cases: readonly T[], take: (c: T, verdict: V, k: number) => boolean): RunRequest<T, V> {
  let k = 0;
  return { phase, cases, take: (verdict) => { const i = k++; return take(cases[i]!, verdict, i); } };
}

/**
 * `fc.property(arb)` as `fc.sample` reads it for `fc.check`. The object
 * must own `isAsync`: sample takes anything else (a Property instance
 * included) for an arbitrary and wraps it, which biases generation a
 * second time and so draws other cases than `fc.check` would.
 */
function candidateSource<T>(arb: fc.Arbitrary<T>): fc.IRawProperty<[T], false> {
  const property = fc.property<[T]>(arb, () => true);
  return {
    isAsync: () => false,
    generate: (mrng, runId) => property.generate(mrng, runId),
    shrink: (value) => property.shrink(value),
    run: (v) => property.run(v),
    runBeforeEach: () => property.runBeforeEach(),
    runAfterEach: () => property.runAfterEach(),
  };
}
