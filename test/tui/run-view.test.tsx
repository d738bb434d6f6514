import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanup, render } from 'ink-testing-library';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { cli } from '../../src/cli/cli.js';
import { sec } from '../../src/kernel/time.js';
import { App } from '../../src/tui/App.js';
import { writeSessionFaults } from '../../src/tui/faults-output.js';
import { Session } from '../../src/tui/session/session.js';
import { makeTheme } from '../../src/tui/theme.js';
import { scenarioA } from '../../scenarios/patroni-k8s/scenario-a.js';
import { scenarios } from '../../scenarios/index.js';
import { KEY, press, screen } from './helpers.js';

const theme = makeTheme(false, 'ascii');
const size = { columns: 100, rows: 30 };
const dir = mkdtempSync(join(tmpdir(), 'failsim-tui-'));

afterEach(() => cleanup());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function openRunView(session: Session, extra: Partial<Parameters<typeof App>[0]> = {}) {
  const written: string[] = [];
  const host = { writeFaults: (s: Session) => { const w = writeSessionFaults(s, { file: 'live.faults.json', cwd: dir, scenarioRef: () => 'scenario-a' }); written.push(w.replay); return w.summary; } };
  const app = render(<App scenarios={scenarios} session={session} makeSession={(scenario, seed) => new Session({ scenario, seed })} defaultSeed={42} theme={theme} host={host} paused size={size} {...extra} />);
  return { ...app, written };
}

/** The clock as the header shows it. */
const clockOf = (frame: string | undefined) => /  (\d+\.\d{3})s\/180s/.exec(frame ?? '')?.[1];

describe('run view', () => {
  it('shows the header, component panes, charts, log and key hints', async () => {
    const session = new Session({ scenario: scenarioA, seed: 42 });
    const { lastFrame, stdin } = openRunView(session);
    await press(stdin, ']', ']', ']', ']', ']', ']', ']', ']', ']');
    const frame = lastFrame()!;
    expect(frame).toContain('scenario-a  seed 42  90.000s/180s  ⏸ paused 5x  claims');
    expect(frame).toContain('Patroni members');
    expect(frame).toMatch(/pg-0 +node-down +down/);
    expect(frame).toContain('write errors');
    expect(frame).toContain('etcd lease 1 expired');
    expect(frame).toContain('won the leader race');
    expect(frame).toMatch(/leader key +pg-1/);
    expect(screen(frame).at(-1)).toBe("space resume  . step  ]/[ ±10s  +/- speed  f fault  / filter  ? help  q quit");
  });

  it('pause, step and jump move the virtual clock as expected', async () => {
    let wall = 0;
    const session = new Session({ scenario: scenarioA, seed: 42 });
    const { lastFrame, stdin } = openRunView(session, { tickMs: 5, wallClock: () => wall });
    await press(stdin, ']', ']');
    expect(clockOf(lastFrame())).toBe('20.000');
    const events = session.events;
    await press(stdin, '.');
    expect(session.events).toBe(events + 1);
    expect(session.now).toBeGreaterThan(sec(20));
    expect(lastFrame()).toContain(`event #${events + 1}`);
    const stepped = session.now;
    await press(stdin, '[');
    expect(session.now).toBe(stepped - sec(10));
    await press(stdin, ']', '[', '[');
    expect(clockOf(lastFrame())).toBe(((stepped - sec(20)) / 1e6).toFixed(3));
    await press(stdin, ']');
    // Running: wall-clock time turns into virtual time at the speed shown (5x).
    const start = session.now;
    await press(stdin, ' ');
    wall += 1000;
    await vi.waitFor(() => expect(session.now).toBe(start + sec(5)));
    await vi.waitFor(() => expect(lastFrame()).toContain('▶ running 5x'));
    await press(stdin, '+');
    wall += 1000;
    await vi.waitFor(() => expect(session.now).toBe(start + sec(15)));
    // Paused: wall-clock time no longer moves it.
    await press(stdin, ' ');
    wall += 5000;
    await press(stdin, '?', KEY.escape);
    expect(session.now).toBe(start + sec(15));
    expect(clockOf(lastFrame())).toBe(((start + sec(15)) / 1e6).toFixed(3));
    expect(lastFrame()).toContain('⏸ paused 10x');
  });

  it('a rewind shows the same screen as a fresh run to that time', async () => {
    const rewound = openRunView(new Session({ scenario: scenarioA, seed: 42 }));
    await press(rewound.stdin, ']', ']', ']', ']', ']', ']', ']', ']', ']', '[');
    await vi.waitFor(() => expect(clockOf(rewound.lastFrame())).toBe('80.000'));
    const afterRewind = screen(rewound.lastFrame());
    cleanup();
    const fresh = openRunView(new Session({ scenario: scenarioA, seed: 42 }));
    await press(fresh.stdin, ']', ']', ']', ']', ']', ']', ']', ']');
    const freshScreen = screen(fresh.lastFrame());
    // Everything but the status line, which says a rewind happened.
    const withoutStatus = (lines: string[]) => lines.filter((l) => l !== '' && !l.startsWith('re-simulated'));
    expect(withoutStatus(afterRewind)).toEqual(withoutStatus(freshScreen));
    expect(afterRewind.length).toBe(freshScreen.length);
    expect(afterRewind.join('\n')).toContain('etcd lease 1 expired');
  });

  it('a live fault appears in the log and in the faults file, and `sim run --json` with that file gives the session\'s digest', async () => {
    const session = new Session({ scenario: scenarioA, seed: 42 });
    const { lastFrame, stdin, written } = openRunView(session);
    await press(stdin, ']', ']', ']', 'f');
    expect(lastFrame()).toContain('inject a fault now, at 30.000s');
    const labels = session.faultChoices().map((c) => c.label);
    const downs = labels.indexOf('pg-1 crash');
    expect(downs).toBeGreaterThan(0);
    await press(stdin, ...Array.from({ length: downs }, () => KEY.down));
    expect(lastFrame()).toContain('❯ pg-1 crash');
    await press(stdin, KEY.enter);
    await vi.waitFor(() => expect(lastFrame()).toContain('fault injected: crash pg-1'));
    expect(lastFrame()).toContain('1 live fault');
    await press(stdin, 'w');
    expect(lastFrame()).toContain('wrote live.faults.json: 2 faults (1 from the scenario, 1 injected live)');
    expect(written).toEqual(['sim run scenario-a --seed 42 --faults live.faults.json']);
    expect(JSON.parse(readFileSync(join(dir, 'live.faults.json'), 'utf8'))).toEqual([
      { at: 30_000, target: 'pg-1', kind: 'crash' },
      { at: 60_000, target: 'pg-0', kind: 'node-crash', params: { recoverAfterMs: 60_000 } },
    ]);

    // Carry the session to the end, then replay the file the way a user would.
    session.advanceTo(session.endUs);
    let out = '';
    const code = await cli(['run', 'scenario-a', '--seed', '42', '--faults', join(dir, 'live.faults.json'), '--json'], { out: (t) => { out += t; }, err: () => {}, env: {}, stdoutIsTTY: false });
    expect([0, 1]).toContain(code);
    const report = JSON.parse(out) as { digest: string };
    expect(report.digest).toBe(session.digest);
    expect(report.digest).not.toBe('88650c29947bcbf4'); // the live fault changed the run
  });

  it('/ filters the log', async () => {
    const { lastFrame, stdin } = openRunView(new Session({ scenario: scenarioA, seed: 42 }));
    await press(stdin, ']', ']', ']', ']', ']', ']', ']', ']', ']', ']', '/', 'e', 'n', 'd', 'p', KEY.enter);
    const log = screen(lastFrame()).filter((l) => /^\|\s+\d+\.\d{3}s /.test(l));
    expect(log.length).toBeGreaterThan(0);
    expect(log.every((l) => l.includes('endpoints'))).toBe(true);
    expect(lastFrame()).toContain('log /endp');
  });
});
