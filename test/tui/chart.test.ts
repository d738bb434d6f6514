import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/tui/chart.js';
import { layout } from '../../src/tui/layout.js';

describe('sparkline', () => {
  const t = [0, 1, 2, 3, 4, 5, 6, 7];
  const v = [0, 1, 2, 3, 4, 5, 6, 7];

  it('maps time linearly onto cells and values onto 8 block levels over [0, nice max]', () => {
    expect(sparkline(t, v, 8, [0, 7], 'block')).toEqual({ line: '▁▂▃▄▅▆▇█', max: 7 });
    expect(sparkline(t, v, 8, [0, 7], 'ascii')).toEqual({ line: '_.,-~=*#', max: 7 });
  });

  it('leaves the future blank and skips NaN', () => {
    // 5 of 10 is level round(3.5) = 4 of 0..7.
    expect(sparkline([0, 1, 2], [5, NaN, 10], 8, [0, 7], 'block').line).toBe('▅ █     ');
  });

  it('draws two samples per braille cell, 4 dots high', () => {
    // Left column: 0 is the bottom dot only; right column: the max fills all 4 dots.
    expect(sparkline([0, 1], [0, 10], 1, [0, 1], 'braille').line).toBe(String.fromCharCode(0x2800 + 0x40 + 0x80 + 0x20 + 0x10 + 0x08));
  });

  it('rounds the scale to a nice number', () => {
    expect(sparkline([0], [73], 4, [0, 3], 'block').max).toBe(80);
  });
});

describe('layout', () => {
  it('fits 80x24 and gives larger terminals more room', () => {
    const small = layout(80, 24);
    expect(small.componentsWidth + small.chartsWidth).toBe(80);
    expect(small.top + small.log + 3).toBe(23);
    const big = layout(160, 50);
    expect(big.chartsWidth).toBe(64);
    expect(big.top).toBeGreaterThan(small.top);
    expect(big.log).toBeGreaterThan(small.log);
  });
});
