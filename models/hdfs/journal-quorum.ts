/**
 * The Quorum Journal Manager's write rule, pure [HDFS-HA-DOC]: a NameNode
 * becomes the writer by getting a majority of JournalNodes to promise a new
 * epoch higher than any they saw; a JournalNode then rejects writes carrying
 * a lower epoch, so a deposed active (a paused or partitioned one that still
 * thinks it is active) cannot commit an edit once its successor took over.
 */
export class JournalQuorum {
  private readonly promised: number[];
  private readonly up: boolean[];
  /** The last transaction id a majority accepted. */
  committedTxId = 0;
  /** The highest epoch a majority promised. */
  writerEpoch = 0;

  constructor(readonly size = 3) {
    this.promised = new Array<number>(size).fill(0);
    this.up = new Array<boolean>(size).fill(true);
  }

  get majority(): number { return Math.floor(this.size / 2) + 1; }

  setUp(journal: number, up: boolean): void { this.up[journal] = up; }

  /** newEpoch: the next epoch if a majority of live JournalNodes promise it, else null. */
  newEpoch(): number | null {
    const epoch = Math.max(...this.promised) + 1;
    let promises = 0;
    for (let j = 0; j < this.size; j++) if (this.up[j] && epoch > this.promised[j]!) { this.promised[j] = epoch; promises++; }
    if (promises < this.majority) return null;
    this.writerEpoch = epoch;
    return epoch;
  }

  /** journal(): edits up to `lastTxId` under `epoch`; committed only if a majority accept the epoch. */
  write(epoch: number, lastTxId: number): boolean {
    let accepted = 0;
    for (let j = 0; j < this.size; j++) if (this.up[j] && epoch >= this.promised[j]!) accepted++;
    if (accepted < this.majority) return false;
    this.committedTxId = Math.max(this.committedTxId, lastTxId);
    return true;
  }
}
