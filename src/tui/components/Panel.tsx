import { Box, Text } from 'ink';
import type { Theme } from '../theme.js';

export interface Line {
  readonly text: string;
  readonly tint?: 'green' | 'red' | 'yellow' | 'cyan';
}

/** A bordered box with a title line; the focused one gets a double (or starred) border. */
export function Panel(props: { title: string; width: number; height: number; focused: boolean; theme: Theme; lines: readonly (string | Line)[] }) {
  const { theme, focused } = props;
  const inner = Math.max(0, props.height - 3);
  const shown = props.lines.slice(0, inner).map((l) => (typeof l === 'string' ? { text: l } : l));
  return (
    <Box flexDirection="column" width={props.width} height={props.height} borderStyle={theme.border(focused)} {...theme.borderColor(focused)}>
      <Text wrap="truncate-end" bold={focused}>{focused && theme.ascii ? `* ${props.title}` : props.title}</Text>
      {shown.map((line, i) => <Text key={i} wrap="truncate-end" {...(line.tint ? theme.tint(line.tint) : {})}>{line.text === '' ? ' ' : line.text}</Text>)}
    </Box>
  );
}
