/** The last `size` items pushed, oldest first. Fixed memory however many are pushed. */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly size: number) {
    this.items = new Array<T | undefined>(Math.max(0, size));
  }

  push(item: T): void {
    if (this.size <= 0) return;
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.size;
    if (this.count < this.size) this.count++;
  }

  toArray(): T[] {
    const out: T[] = [];
    for (let k = 0; k < this.count; k++) out.push(this.items[(this.next - this.count + k + this.size) % this.size]!);
    return out;
  }
}
