import type { SeriesValue } from '../../src/scenario/index.js';
import type { HdfsCacheView } from './metrics.js';

/** The TUI's charts: queries answered (%), memory cache size, disk use, failed NameNode calls; long horizon: component groups down. */
export function hdfsCacheSeries(v: HdfsCacheView): SeriesValue[] {
  const h = v.world.horizon;
  if (h !== null) return [{ key: 'groups-down', label: 'component groups down', unit: 'count', value: h.groupsDown().length }];
  const w = v.world.incident!, o = v.observed!;
  return [
    { key: 'answered', label: 'queries answered', unit: '%', value: o.answers.answered, mode: 'ratio', of: o.answers.queries },
    { key: 'cache', label: 'memory cache', unit: 'MB', value: w.readers.reduce((s, r) => s + r.lru.realBytes, 0) / 1e6 },
    { key: 'disk', label: 'cache volume use', unit: '%', value: 100 * w.disk.usage },
    { key: 'failed-calls', label: 'failed NameNode calls', unit: '/s', value: o.clientFailedAttempts, mode: 'rate' },
  ];
}
