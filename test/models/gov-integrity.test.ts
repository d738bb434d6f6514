import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sec, Simulation } from '../../src/kernel/index.js';
import { BackupCatalog } from '../../models/integrity/backup-catalog.js';
import { detectionDelayUs, meanDetectionDelayUs, nextCheckAt } from '../../models/integrity/detection.js';
import { IntegrityDatabase } from '../../models/integrity/integrity-database.js';
import { TableStore } from '../../models/integrity/table-store.js';

const H = sec(3600), DAY = 24 * H;

describe('detection delay of a periodic integrity check', () => {
  it('a corruption at 10:00 is found by the midnight check 14 h later; one at a check instant waits a whole period', () => {
    expect(detectionDelayUs(10 * H, DAY)).toBe(14 * H);
    expect(nextCheckAt(DAY, DAY)).toBe(2 * DAY);
    expect(detectionDelayUs(10 * H, DAY, 2 * H, sec(600))).toBe(16 * H + sec(600));
  });

  it('closed form: a daily check finds a uniformly timed corruption after 12 h on average', () => {
    expect(meanDetectionDelayUs(DAY)).toBe(12 * H);
    const n = 1440; // minute midpoints over a day: the exact mean of a uniform instant
    let sum = 0;
    for (let i = 0; i < n; i++) sum += detectionDelayUs(((i + 0.5) * DAY) / n, DAY);
    expect(sum / n).toBeCloseTo(12 * H, 0);
  });

  it('property: the delay is in (0, period] and the check instant is on the grid', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 * DAY }), fc.integer({ min: 1, max: DAY }), fc.integer({ min: 0, max: DAY }), (t, period, phase) => {
      const d = detectionDelayUs(t, period, phase);
      expect(d).toBeGreaterThan(0);
      expect(d).toBeLessThanOrEqual(period);
      expect(Math.abs((nextCheckAt(t, period, phase) - phase) % period)).toBe(0);
    }), { numRuns: 50 });
  });
});

describe('table store and backups', () => {
  it('the FK refuses an orphan insert; a corruption going around it is what the check finds', () => {
    const s = new TableStore();
    s.apply({ kind: 'parent', id: 1 });
    expect(s.apply({ kind: 'child', id: 2, parent: 1 })).toBe(true);
    expect(s.apply({ kind: 'child', id: 3, parent: 9 })).toBe(false);
    s.apply({ kind: 'orphan', id: 2, parent: -2 });
    expect(s.violations()).toEqual([2]);
  });

  it('30-day retention: after 40 daily backups, instants before day 10 cannot be recovered', () => {
    const c = new BackupCatalog(30 * DAY);
    for (let d = 0; d <= 40; d++) c.take(new TableStore(), d * DAY);
    expect(c.backups.length).toBe(31);
    expect(c.baseFor(9 * DAY + H)).toBeNull();
    expect(c.baseFor(10 * DAY + H)?.takenAt).toBe(10 * DAY);
  });
});

describe('corruption, detection and point-in-time recovery in a simulation', () => {
  /** One write a minute, checks and backups at midnight, 5 rows orphaned on day 2 at 10:00, then a restore to 1 s before. */
  function run(onViolation: 'pitr' | 'backup') {
    const sim = new Simulation({ seed: 3 });
    const db = new IntegrityDatabase(sim, 'db', { onViolation });
    sim.faults.schedule([{ at: 2 * DAY + 10 * H, target: 'db', kind: 'corrupt', params: { rows: 5 } }]);
    sim.run(4 * DAY);
    return db;
  }

  it('PITR: found 14 h later, replays day 2 up to 09:59:59, loses the 841 writes committed after that', () => {
    const db = run('pitr');
    expect(db.detections).toEqual([{ at: 3 * DAY, delayUs: 14 * H, violations: 5 }]);
    const r = db.restores[0]!;
    // Writes every 60 s: (09:59:59, day 3 00:00] holds 10:00 ... 00:00, 841 writes (the check's report
    // comes after midnight's write, in the same instant).
    expect(r.writesLost).toBe(841);
    // The day-2 base backup runs just before midnight's write: it holds 2879 rows, and 600 logged writes
    // (00:00 ... 09:59) are replayed from its position: 2879/5000 + 600/2000 s.
    expect(r.durationUs).toBe(sec(2879 / 5000 + 600 / 2000));
    expect(db.store.violations()).toEqual([]);
    expect(db.writesRefused).toBe(0); // the restore took < 1 s, between two writes
  });

  it('the base backup alone loses the whole morning as well (1441 writes) but restores faster', () => {
    const pitr = run('pitr').restores[0]!, backup = run('backup').restores[0]!;
    expect(backup.writesLost).toBe(1441);
    expect(backup.writesLost).toBeGreaterThan(pitr.writesLost);
    expect(backup.durationUs).toBeLessThan(pitr.durationUs);
  });
});
