import { Box, Text, useInput } from 'ink';
import { useReducer, useRef } from 'react';
import { fit } from '../text.js';
import type { Theme } from '../theme.js';

export interface PickerItem {
  readonly id: string;
  readonly title: string;
  readonly source: string;
}

/** Items whose id, title or source contains `filter` (case-insensitive). */
export function filterItems(items: readonly PickerItem[], filter: string): PickerItem[] {
  const f = filter.toLowerCase();
  return items.filter((i) => `${i.id} ${i.title} ${i.source}`.toLowerCase().includes(f));
}

interface PickerState {
  filter: string;
  editingFilter: boolean;
  index: number;
  /** The seed being typed once a scenario is chosen, null while choosing. */
  seed: string | null;
}

/**
 * The scenario picker: every scenario with its title and source document;
 * `/` filters, enter asks for a seed (default shown, editable), enter again
 * opens the run view.
 */
export function Picker(props: { items: readonly PickerItem[]; defaultSeed: number; columns: number; rows: number; theme: Theme; onOpen: (id: string, seed: number) => void; onQuit: () => void }) {
  const st = useRef<PickerState>({ filter: '', editingFilter: false, index: 0, seed: null }).current;
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const shown = filterItems(props.items, st.filter);

  useInput((input, key) => {
    const items = filterItems(props.items, st.filter);
    if (key.ctrl && input === 'c') { props.onQuit(); return; }
    if (st.seed !== null) {
      if (key.return) { if (st.seed !== '') props.onOpen(items[st.index]!.id, Number(st.seed)); }
      else if (key.escape) st.seed = null;
      else if (key.backspace || key.delete) st.seed = st.seed.slice(0, -1);
      else if (/^\d+$/.test(input) && st.seed.length < 15) st.seed += input;
    } else if (st.editingFilter) {
      if (key.return) st.editingFilter = false;
      else if (key.escape) { st.editingFilter = false; st.filter = ''; }
      else if (key.backspace || key.delete) st.filter = st.filter.slice(0, -1);
      else if (input !== '' && !key.ctrl && !key.upArrow && !key.downArrow && !/[\u0000-\u001f]/.test(input)) { st.filter += input; st.index = 0; }
      else if (key.upArrow) st.index = Math.max(0, st.index - 1);
      else if (key.downArrow) st.index = Math.min(Math.max(0, items.length - 1), st.index + 1);
    } else if (input === 'q') { props.onQuit(); return; }
    else if (input === '/') st.editingFilter = true;
    else if (key.escape) st.filter = '';
    else if (key.upArrow || input === 'k') st.index = Math.max(0, st.index - 1);
    else if (key.downArrow || input === 'j') st.index = Math.min(Math.max(0, items.length - 1), st.index + 1);
    else if (key.return && items.length > 0) st.seed = String(props.defaultSeed);
    st.index = Math.min(st.index, Math.max(0, filterItems(props.items, st.filter).length - 1));
    redraw();
  });

  const width = Math.max(40, props.columns);
  const visible = Math.max(3, props.rows - 6);
  const start = Math.max(0, Math.min(st.index - Math.floor(visible / 2), shown.length - visible));
  const idWidth = Math.max(0, ...props.items.map((i) => i.id.length));
  const theme = props.theme;
  return (
    <Box flexDirection="column" width={width} height={Math.max(8, props.rows - 1)}>
      <Text bold wrap="truncate-end">{fit(`failsim: pick a scenario (${shown.length} of ${props.items.length})`, width)}</Text>
      <Text wrap="truncate-end">{st.editingFilter || st.filter !== '' ? `/${st.filter}${st.editingFilter ? '▏' : ''}` : ' '}</Text>
      {shown.length === 0 ? <Text>no scenario matches "{st.filter}"</Text> : null}
      {shown.slice(start, start + visible).map((item, i) => {
        const selected = start + i === st.index;
        const line = `${selected ? '❯' : ' '} ${item.id.padEnd(idWidth)}  ${item.title}  (${item.source})`;
        return <Text key={item.id} wrap="truncate-end" {...(selected ? theme.tint('cyan') : {})} bold={selected}>{fit(line, width)}</Text>;
      })}
      <Box flexGrow={1} />
      {st.seed !== null ? <Text>{`open ${shown[st.index]?.id ?? ''} with seed: ${st.seed}▏  (digits edit, enter opens, esc back)`}</Text> : null}
      <Text wrap="truncate-end" dimColor={theme.color}>{fit(st.seed !== null ? 'enter open  esc back' : st.editingFilter ? 'type to filter  enter keep  esc clear' : '↑/↓ choose  enter open  / filter  q quit', width)}</Text>
    </Box>
  );
}
