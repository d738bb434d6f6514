/**
 * How deep JSON from a user (faults files, run files, reports, params) may
 * nest. The deepest failsim writes is about 6 levels (a partition's host
 * groups inside params inside a fault inside a report); JSON.parse itself
 * copes with any depth, but zod and JSON.stringify recurse and overflow the
 * stack somewhere past a few thousand, so depth is checked on the text
 * first, with a loop.
 */
export const MAX_JSON_DEPTH = 64;

/** Why `text` nests too deep to be read, or null. Counts brackets outside strings; says nothing of validity (JSON.parse does). */
export function jsonDepthProblem(text: string, max: number = MAX_JSON_DEPTH): string | null {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return `nested more than ${max} levels deep`;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return null;
}
