/**
 * Callbacks a model calls at a fixed point (a request done, a reply
 * received) so that measuring lives outside the model. A plain array and a
 * loop: nothing is allocated per call. A hook only reads and counts: it may
 * not emit a trace record or schedule anything, so a run with and without
 * observers is the same run.
 */
export class Hooks<A, B = void> {
  private readonly fns: ((a: A, b: B) => void)[] = [];

  add(fn: (a: A, b: B) => void): void {
    this.fns.push(fn);
  }

  call(a: A, b: B): void {
    const fns = this.fns;
    for (let i = 0; i < fns.length; i++) fns[i]!(a, b);
  }
}
