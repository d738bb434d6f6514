import type { Charset } from './chart.js';

/**
 * Colour and glyph choices. Without colour (NO_COLOR, --no-color) nothing
 * depends on colour: focus shows as a double border (or a star in ASCII).
 */
export interface Theme {
  readonly color: boolean;
  readonly charset: Charset;
  readonly ascii: boolean;
  border(focused: boolean): 'double' | 'round' | 'classic';
  borderColor(focused: boolean): { borderColor?: string };
  /** A colour prop for Text, or nothing without colour. */
  tint(color: 'green' | 'red' | 'yellow' | 'cyan'): { color?: string };
}

export function makeTheme(color: boolean, charset: Charset): Theme {
  const ascii = charset === 'ascii';
  return {
    color,
    charset,
    ascii,
    border: (focused) => (ascii ? 'classic' : focused ? 'double' : 'round'),
    borderColor: (focused) => (color && focused ? { borderColor: 'cyan' } : {}),
    tint: (c) => (color ? { color: c } : {}),
  };
}
