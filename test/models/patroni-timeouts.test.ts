import { describe, expect, it } from 'vitest';
import { adjustTimeouts } from '../../models/patroni/timeouts.js';

describe('Patroni timing rule (loop_wait + 2*retry_timeout <= ttl)', () => {
  it('keeps the defaults, which satisfy the rule exactly', () => {
    const r = adjustTimeouts({ ttlS: 30, loopWaitS: 10, retryTimeoutS: 10 });
    expect(r.effective).toEqual({ ttlS: 30, loopWaitS: 10, retryTimeoutS: 10 });
    expect(r.warnings).toEqual([]);
  });

  it("raises the seed's 10 s ttl to 20 s and shrinks the loop to fit", () => {
    const r = adjustTimeouts({ ttlS: 10, loopWaitS: 10, retryTimeoutS: 10 });
    expect(r.effective).toEqual({ ttlS: 20, loopWaitS: 2, retryTimeoutS: 9 });
    expect(r.warnings.length).toBe(2);
    expect(r.warnings[1]).toMatch(/violated loop_wait \+ 2\*retry_timeout <= ttl/);
  });

  it('shrinks only loop_wait when retry_timeout still fits', () => {
    const r = adjustTimeouts({ ttlS: 30, loopWaitS: 15, retryTimeoutS: 10 });
    expect(r.effective).toEqual({ ttlS: 30, loopWaitS: 10, retryTimeoutS: 10 });
  });
});
