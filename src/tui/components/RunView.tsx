import { Box, Text, useInput } from 'ink';
import { useEffect, useReducer } from 'react';
import type { TimelineEntry } from '../../runner/run-scenario.js';
import { sparkline } from '../chart.js';
import type { RunController } from '../controller.js';
import { RUN_KEYS } from '../key-help.js';
import { layout } from '../layout.js';
import { formatTime } from '../../kernel/time.js';
import { filterLog, fit, formatValue, logLine, panesText } from '../text.js';
import type { Theme } from '../theme.js';
import { Panel, type Line } from './Panel.js';

export interface RunViewProps {
  readonly controller: RunController;
  readonly columns: number;
  readonly rows: number;
  readonly theme: Theme;
  readonly onQuit: () => void;
  /** Wall-clock pacing: ms between ticks and the clock to measure them (none in tests that step by keys). */
  readonly tickMs?: number;
  readonly wallClock?: () => number;
}

/** The run view: header, component panes, charts, event log, status and key hints. */
export function RunView(props: RunViewProps) {
  const { controller: c, theme } = props;
  const [, redraw] = useReducer((n: number) => n + 1, 0);

  useInput((input, key) => {
    // Keys typed fast (or pasted) arrive as one chunk, "]]]": each is a key of its own.
    const keys = input.length > 1 && !key.ctrl && !key.meta ? [...input] : [input];
    for (const k of keys) {
      if (c.key(k, keys.length > 1 ? {} : key) === 'quit') { props.onQuit(); break; }
    }
    redraw();
  });

  useEffect(() => {
    if (props.tickMs === undefined || props.wallClock === undefined) return undefined;
    const now = props.wallClock;
    let last = now();
    const timer = setInterval(() => {
      const t = now();
      const running = !c.paused && c.menu === null;
      c.tick(t - last);
      last = t;
      if (running) redraw();
    }, props.tickMs);
    return () => clearInterval(timer);
  }, [c, props.tickMs, props.wallClock]);

  const l = layout(props.columns, props.rows);
  const s = c.session;
  const inner = (w: number) => Math.max(0, w - 2);

  const claims = s.claims();
  const passed = claims.filter((x) => x.pass).length;
  const state = s.finished ? '■ finished' : c.paused ? `⏸ paused ${c.speed}x` : `▶ running ${c.speed}x`;
  const header = `${s.scenario.id}  seed ${s.seed}  ${formatTime(s.now)}/${s.endUs / 1e6}s  ${state}  claims ${passed}/${claims.length}${s.finished ? ' pass' : ' so far'}${s.live.length > 0 ? `  ${s.live.length} live fault${s.live.length > 1 ? 's' : ''}` : ''}${l.width >= 120 ? `  ${s.scenario.title}` : ''}`;

  const componentLines = panesText(s.panes(), inner(l.componentsWidth)).slice(c.paneScroll);
  const chartLines = chartText(c, inner(l.chartsWidth), theme);
  const log = filterLog(s.log, c.filter);
  const body = c.menu !== null ? menuLines(c, l.log - 3) : logLines(c, log, inner(l.width), l.log - 3);
  const bodyTitle = c.menu !== null ? `inject a fault now, at ${formatTime(s.now)}` : `log${c.filter !== '' || c.editingFilter ? ` /${c.filter}${c.editingFilter ? '▏' : ''}` : ''}  (${log.length} entries)`;

  return (
    <Box flexDirection="column" width={l.width} height={l.height}>
      <Text wrap="truncate-end" bold>{fit(header, l.width)}</Text>
      {c.help ? (
        <Panel title="keys (any key closes this help)" width={l.width} height={l.top + l.log} focused theme={theme} lines={helpLines()} />
      ) : (
        <>
          <Box flexDirection="row">
            <Panel title={`components  ${s.scenario.title}`} width={l.componentsWidth} height={l.top} focused={c.focus === 'components'} theme={theme} lines={componentLines} />
            <Panel title="charts (virtual time 0 .. end)" width={l.chartsWidth} height={l.top} focused={c.focus === 'charts'} theme={theme} lines={chartLines} />
          </Box>
          <Panel title={bodyTitle} width={l.width} height={l.log} focused={c.focus === 'log' || c.menu !== null} theme={theme} lines={body} />
        </>
      )}
      <Text wrap="truncate-end" {...theme.tint('yellow')}>{fit(c.status === '' ? ' ' : c.status, l.width)}</Text>
      <Text wrap="truncate-end" dimColor={theme.color}>{fit(hints(c), l.width)}</Text>
    </Box>
  );
}

function chartText(c: RunController, width: number, theme: Theme): string[] {
  const s = c.session;
  if (s.series.length === 0) return [s.scenario.series ? 'sampling starts at 0 s' : 'this scenario declares no series'];
  return s.series.flatMap((series) => {
    const { line, max } = sparkline(series.t, series.v, width, [0, s.endUs], theme.charset);
    const head = `${series.label} ${formatValue(series.v[series.v.length - 1], series.unit)}`;
    const scale = `max ${formatValue(max, '')}`;
    return [fit(head.padEnd(Math.max(0, width - scale.length)) + scale, width), line];
  });
}

/** The filtered log's last `height` lines, `c.logScroll` lines up from the newest. */
function logLines(c: RunController, entries: readonly TimelineEntry[], width: number, height: number): Line[] {
  const end = Math.max(0, entries.length - c.logScroll);
  return entries.slice(Math.max(0, end - height), end).map((e) => ({ text: logLine(e, width), ...(e.source === 'fault' || e.text.startsWith('fault injected') ? { tint: 'yellow' as const } : {}) }));
}

function menuLines(c: RunController, height: number): Line[] {
  const { index, choices } = c.menu!;
  if (choices.length === 0) return [{ text: 'the models of this scenario take no faults' }];
  const start = Math.max(0, Math.min(index - Math.floor(height / 2), choices.length - height));
  return choices.slice(start, start + height).map((choice, i) => (start + i === index ? { text: `❯ ${choice.label}`, tint: 'cyan' as const } : { text: `  ${choice.label}` }));
}

function helpLines(): string[] {
  return RUN_KEYS.map(([k, what]) => `${k.padEnd(7)} ${what}`);
}

function hints(c: RunController): string {
  if (c.help) return 'any key closes the help  q quit';
  if (c.menu !== null) return '↑/↓ choose  enter inject now  esc cancel';
  if (c.editingFilter) return 'type to filter the log  enter keep  esc clear';
  if (c.session.finished) return 'r restart  n new seed  [ back 10s  w write faults  / filter  ? help  q quit';
  return `space ${c.paused ? 'resume' : 'pause'}  . step  ]/[ ±10s  +/- speed  f fault  / filter  ? help  q quit`;
}
