/** Thrown into a process by `process.interrupt(cause)`. */
export class Interrupt extends Error {
  constructor(override readonly cause: unknown) {
    super(`interrupted: ${String(cause)}`);
    this.name = 'Interrupt';
  }
}

/** The failure value of a process ended by `kill()` (a crashed host). */
export class Killed extends Error {
  constructor(readonly reason: string) {
    super(`killed: ${reason}`);
    this.name = 'Killed';
  }
}
