/**
 * Priorities break ties between events at the same instant, before insertion
 * order does. URGENT is for kernel bookkeeping that must happen before any
 * ordinary event of the same instant: starting a process, delivering an
 * interrupt. Everything a model schedules is NORMAL unless it says why.
 */
export const URGENT = 0;
export const NORMAL = 1;
