/**
 * A running 64-bit digest (two FNV-1a lanes with different offsets). Each
 * update folds the new text into the previous state, so the digest after
 * record i identifies the whole trace up to i: two runs can be compared to
 * their first differing record by comparing chain values. Not cryptographic;
 * it detects divergence, it does not resist forgery.
 */
export class ChainedDigest {
  private a = 0x811c9dc5;
  private b = 0x6c62272e;
  /** Scratch for foldUint: a safe integer has at most 16 decimal digits. */
  private readonly digits = new Uint8Array(16);

  /** Folds in one whole record's text, then the record separator. */
  update(text: string): void {
    this.fold(text);
    this.endRecord();
  }

  /** Folds in part of a record's text: `fold(a); fold(b)` is `fold(a + b)` without building it. */
  fold(text: string): void {
    let a = this.a, b = this.b;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
    }
    this.a = a;
    this.b = b;
  }

  /** `fold(String(n))` for a safe integer n >= 0, without the string (digits by exact integer division). */
  foldUint(n: number): void {
    const digits = this.digits;
    let count = 0;
    do {
      const r = n % 10;
      digits[count++] = 48 + r;
      n = (n - r) / 10;
    } while (n > 0);
    let a = this.a, b = this.b;
    while (count > 0) {
      const c = digits[--count]!;
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
    }
    this.a = a;
    this.b = b;
  }

  /** Ends a record: a separator, so "ab"+"c" and "a"+"bc" differ. */
  endRecord(): void {
    this.a = Math.imul(this.a ^ 0x1e, 0x01000193);
    this.b = Math.imul(this.b ^ 0x1e, 0x01000193) ^ (this.a >>> 15);
  }

  hex(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }
}
