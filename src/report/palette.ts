/** How reports colour text. Reports take a palette so they stay pure and testable without a terminal. */
export interface Palette {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly cyan: (s: string) => string;
}

const same = (s: string): string => s;

export const plainPalette: Palette = { bold: same, dim: same, red: same, green: same, yellow: same, cyan: same };

const sgr = (open: number, close: number) => (s: string): string => (s === '' ? s : `\u001b[${open}m${s}\u001b[${close}m`);

export const ansiPalette: Palette = {
  bold: sgr(1, 22),
  dim: sgr(2, 22),
  red: sgr(31, 39),
  green: sgr(32, 39),
  yellow: sgr(33, 39),
  cyan: sgr(36, 39),
};
