/** Driving Ink components through ink-testing-library: keys with pauses, frames without colour. */
export const KEY = { up: '\u001b[A', down: '\u001b[B', enter: '\r', escape: '\u001b', tab: '\t', backspace: '\u007f' } as const;

export const delay = (ms = 15) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Writes keys one at a time. Ink attaches its stdin listener in an effect
 * after the first render, and re-subscribes after every render, so each key
 * gets a moment of its own.
 */
export async function press(stdin: { write(data: string): void }, ...keys: string[]): Promise<void> {
  await delay(30);
  for (const k of keys) {
    stdin.write(k);
    await delay(15);
  }
}

/** The frame's lines with trailing blanks removed. */
export function screen(frame: string | undefined): string[] {
  return (frame ?? '').split('\n').map((l) => l.trimEnd());
}
