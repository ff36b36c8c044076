/**
 * Group commit: rows that arrive while a write is in flight wait for it, then go together in the next
 * write (one INSERT, one commit). Each caller's promise settles only when the write holding its row has
 * committed or failed, so a caller answered after `write()` resolves knows its row is durable. A row
 * arriving when nothing is in flight is written at once: no timer, no added latency when idle; under
 * load, the requests finishing together share one statement instead of one each.
 */
export class GroupCommit<Row> {
  private waiting: { row: Row; settle: (error?: unknown) => void }[] = [];
  private writing = false;

  constructor(
    private readonly writeRows: (rows: Row[]) => Promise<void>,
    /** Bounds one statement's size (and its parameters) however many requests finish at once. */
    private readonly maxRowsPerWrite = 500,
  ) {}

  write(row: Row): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ row, settle: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.writing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.writing = true;
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.maxRowsPerWrite);
      let failure: unknown;
      try {
        await this.writeRows(group.map((entry) => entry.row));
      } catch (error) {
        // Only this group's rows are lost; a later group may succeed (the database came back).
        failure = error ?? new Error('group write failed');
      }
      for (const entry of group) entry.settle(failure);
    }
    this.writing = false;
  }
}
