import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/tui/App.js';
import { filterItems, Picker } from '../../src/tui/components/Picker.js';
import { Session } from '../../src/tui/session/session.js';
import { makeTheme } from '../../src/tui/theme.js';
import { scenarios } from '../../scenarios/index.js';
import { KEY, press } from './helpers.js';

const theme = makeTheme(false, 'ascii');
const items = scenarios.map((s) => ({ id: s.id, title: s.title, source: s.source }));

afterEach(() => cleanup());

describe('scenario picker', () => {
  it('lists every scenario with its title and source document', () => {
    const { lastFrame } = render(<Picker items={items} defaultSeed={42} columns={200} rows={scenarios.length + 6} theme={theme} onOpen={() => {}} onQuit={() => {}} />);
    const frame = lastFrame()!;
    expect(frame).toContain(`pick a scenario (${scenarios.length} of ${scenarios.length})`);
    for (const s of scenarios) expect(frame).toContain(s.id);
    expect(frame).toContain('Primary shard failure: Patroni + etcd failover on Kubernetes  (seeds/000_3b6c436277faf2d9.txt');
  });

  it('/ filters by id, title or source; enter asks for the seed (42 by default, editable) and opens', async () => {
    const onOpen = vi.fn();
    const { lastFrame, stdin } = render(<Picker items={items} defaultSeed={42} columns={200} rows={30} theme={theme} onOpen={onOpen} onQuit={() => {}} />);
    await press(stdin, '/', 'k', 'a', 'f', 'k', 'a');
    const frame = lastFrame()!;
    // Two ids and one title ("... with a Kafka backlog") mention Kafka.
    expect(frame).toContain('pick a scenario (3 of 48)');
    expect(frame).toContain('❯ flux-kafka-down');
    expect(frame).toContain('  flux-kafka-lag');
    expect(frame).toContain('  flux-redis-pg-mismatch');
    expect(frame).not.toContain('scenario-a');
    await press(stdin, KEY.enter, KEY.down, KEY.enter);
    expect(lastFrame()).toContain('open flux-kafka-lag with seed: 42');
    await press(stdin, KEY.backspace, KEY.backspace, '7', KEY.enter);
    expect(onOpen).toHaveBeenCalledWith('flux-kafka-lag', 7);
  });

  it('filters the same way in its pure form', () => {
    expect(filterItems(items, 'SEEDS/000').map((i) => i.id)).toEqual(['scenario-a', 'scenario-b', 'scenario-c', 'scenario-d']);
    expect(filterItems(items, 'redis').map((i) => i.id)).toEqual(['flux-redis-down', 'flux-redis-oom', 'flux-redis-pg-mismatch', 'flux-partition']);
  });

  it('the app opens the chosen scenario in the run view with the chosen seed', async () => {
    const makeSession = vi.fn((scenario, seed: number) => new Session({ scenario, seed }));
    const { lastFrame, stdin } = render(<App scenarios={scenarios} makeSession={makeSession} defaultSeed={42} theme={theme} paused size={{ columns: 100, rows: 30 }} />);
    await press(stdin, '/', 'r', 'e', 'd', 'i', 's', '-', 'd', KEY.enter, KEY.enter, KEY.backspace, '3', KEY.enter);
    await vi.waitFor(() => expect(lastFrame()).toContain('flux-redis-down  seed 43'));
    expect(makeSession).toHaveBeenCalledTimes(1);
    expect(lastFrame()).toContain('Redis');
    expect(lastFrame()).toContain('0.000s/180s');
  });
});
