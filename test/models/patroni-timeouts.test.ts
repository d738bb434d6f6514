import { describe, expect, it } from 'vitest';
import { adjustTimeouts } from '../../models/patroni/timeouts.js';

// Vectors worked by hand from patroni/config.py Config._validate_and_adjust_timeouts
// (Patroni >= 3.2): minimums loop_wait 1, retry_timeout 3, ttl 20; then
// loop_wait + 2*retry_timeout <= ttl, shrinking loop_wait first and, when even
// loop_wait = 1 cannot fit, retry_timeout = (ttl - 1) // 2.
describe('Patroni timing rule (loop_wait + 2*retry_timeout <= ttl)', () => {
  const cases: [string, [number, number, number], [number, number, number], number][] = [
    ['Patroni defaults fit exactly', [30, 10, 10], [30, 10, 10], 0],
    ["the seed's 10/10/10: ttl raised to 20, loop_wait 1, retry_timeout (20-1)//2 = 9", [10, 10, 10], [20, 1, 9], 2],
    ['21/10/10: 1 + 20 fits 21, so only loop_wait shrinks to 21 - 20 = 1', [21, 10, 10], [21, 1, 10], 1],
    ['30/15/10: loop_wait shrinks to 10', [30, 15, 10], [30, 10, 10], 1],
    ['20/0/3: loop_wait raised to its minimum of 1', [20, 0, 3], [20, 1, 3], 1],
    ['25/5/12: 1 + 24 fits 25, loop_wait 25 - 24 = 1', [25, 5, 12], [25, 1, 12], 1],
    ['20/5/2: retry_timeout raised to 3, then 5 + 6 fits', [20, 5, 2], [20, 5, 3], 1],
    ['10.9/10/10: int() truncates before the minimum', [10.9, 10, 10], [20, 1, 9], 2],
  ];
  for (const [name, [ttlS, loopWaitS, retryTimeoutS], [t, l, r], warnings] of cases) {
    it(name, () => {
      const got = adjustTimeouts({ ttlS, loopWaitS, retryTimeoutS });
      expect(got.effective).toEqual({ ttlS: t, loopWaitS: l, retryTimeoutS: r });
      expect(got.warnings.length).toBe(warnings);
    });
  }

  it('names the rule it enforces in the warning', () => {
    const r = adjustTimeouts({ ttlS: 10, loopWaitS: 10, retryTimeoutS: 10 });
    expect(r.warnings).toEqual([
      "ttl=10 can't be smaller than 20, adjusted to 20",
      'violated loop_wait + 2*retry_timeout <= ttl (10 + 2*10 > 20): loop_wait 10 -> 1, retry_timeout 10 -> 9',
    ]);
  });
});
