import { describe, expect, it } from 'vitest';
import { SloLedger, budgetBurned, budgetMinutes, gradeImpact } from '../../src/scenario/index.js';
import { sec } from '../../src/kernel/time.js';

describe('SLO ledger', () => {
  it('a 30-day 99.9 % budget is 43.2 minutes of full outage', () => {
    expect(budgetMinutes()).toBeCloseTo(43.2, 9);
  });

  it('burn = bad share x window / budget: a full 5-minute outage burns 11.6 % (High), a third of traffic failing for 30 s 0.39 % (Low)', () => {
    expect(budgetBurned(300, 300, sec(300))).toBeCloseTo(5 / 43.2, 9);
    expect(gradeImpact(5 / 43.2)).toBe('High');
    expect(budgetBurned(100, 300, sec(30))).toBeCloseTo(0.5 / 3 / 43.2, 9);
    expect(gradeImpact(0.5 / 3 / 43.2)).toBe('Low');
  });

  it('grades at the SRE Workbook bounds: 0.1 %, 2 % (a page within the hour), 10 % (a ticket over three days)', () => {
    expect([0.0009, 0.001, 0.0199, 0.02, 0.0999, 0.1].map((b) => gradeImpact(b))).toEqual(['None', 'Low', 'Low', 'Medium', 'Medium', 'High']);
  });

  it('counts only requests that start inside the window', () => {
    const l = new SloLedger();
    l.record(sec(1), false);
    l.open(sec(10));
    l.record(sec(10), false);
    l.record(sec(20), true);
    l.close(sec(70));
    l.record(sec(71), false);
    expect([l.good, l.bad, l.availability(), l.windowUs(sec(500))]).toEqual([1, 1, 0.5, sec(60)]);
    expect(l.burned(sec(500))).toBeCloseTo(0.5 / 43.2, 9);
    expect(l.impact(sec(500))).toBe('Low');
  });
});
