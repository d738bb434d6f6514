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

  update(text: string): void {
    let a = this.a, b = this.b;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
    }
    // A record separator, so "ab"+"c" and "a"+"bc" differ.
    this.a = Math.imul(a ^ 0x1e, 0x01000193);
    this.b = Math.imul(b ^ 0x1e, 0x01000193) ^ (this.a >>> 15);
  }

  hex(): string {
    return (this.a >>> 0).toString(16).padStart(8, '0') + (this.b >>> 0).toString(16).padStart(8, '0');
  }
}
