import { SPEEDS } from './controller.js';

/** The run view's keys, as the help overlay and the README list them. */
export const RUN_KEYS: readonly (readonly [string, string])[] = [
  ['space', 'pause / resume'],
  ['.', 'one event (pauses)'],
  ['] / [', 'jump forward / back 10 s of virtual time (back re-simulates from 0)'],
  ['+ / -', `speed: ${SPEEDS.map((x) => `${x}x`).join(' ')}`],
  ['f', 'fault menu: inject a fault now into a component'],
  ['/', 'filter the event log (enter keeps, esc clears)'],
  ['tab', 'next pane; arrows or j/k scroll it'],
  ['r', 'restart with the same seed (drops live faults)'],
  ['n', 'new seed (seed + 1, drops live faults)'],
  ['w', 'write the faults file that replays this session'],
  ['?', 'this help'],
  ['q', 'quit (writes the faults file if faults were injected)'],
];
