import { GroupCommit } from '@civic/runtime';

/** A write the test finishes by hand, to see who waits for which write. */
function controlledWriter() {
  const writes: { rows: number[]; finish: (error?: Error) => void }[] = [];
  const writeRows = (rows: number[]) =>
    new Promise<void>((resolve, reject) => writes.push({ rows, finish: (error) => (error ? reject(error) : resolve()) }));
  return { writes, writeRows };
}

const settled = async (promise: Promise<unknown>) => {
  let state = 'pending';
  promise.then(() => (state = 'resolved'), () => (state = 'rejected'));
  await new Promise((r) => setImmediate(r));
  return state;
};

describe('GroupCommit', () => {
  it('writes a row at once when nothing is in flight, and resolves only after that write', async () => {
    const { writes, writeRows } = controlledWriter();
    const commit = new GroupCommit(writeRows);
    const first = commit.write(1);
    expect(writes.map((w) => w.rows)).toEqual([[1]]);
    expect(await settled(first)).toBe('pending');
    writes[0]!.finish();
    expect(await settled(first)).toBe('resolved');
  });

  it('sends the rows that arrived during a write together in the next one', async () => {
    const { writes, writeRows } = controlledWriter();
    const commit = new GroupCommit(writeRows);
    const first = commit.write(1);
    const later = [commit.write(2), commit.write(3), commit.write(4)];
    expect(writes).toHaveLength(1);
    writes[0]!.finish();
    await settled(first);
    expect(writes.map((w) => w.rows)).toEqual([[1], [2, 3, 4]]);
    expect(await Promise.all(later.map(settled))).toEqual(['pending', 'pending', 'pending']);
    writes[1]!.finish();
    expect(await Promise.all(later.map(settled))).toEqual(['resolved', 'resolved', 'resolved']);
  });

  it('fails only the rows of a failed write; the next group is still written', async () => {
    const { writes, writeRows } = controlledWriter();
    const commit = new GroupCommit(writeRows);
    const first = commit.write(1);
    const second = commit.write(2);
    writes[0]!.finish(new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    writes[1]!.finish();
    await expect(second).resolves.toBeUndefined();
    const third = commit.write(3);
    expect(writes.map((w) => w.rows)).toEqual([[1], [2], [3]]);
    writes[2]!.finish();
    await expect(third).resolves.toBeUndefined();
  });

  it('splits a crowd into writes of at most maxRowsPerWrite rows', async () => {
    const { writes, writeRows } = controlledWriter();
    const commit = new GroupCommit(writeRows, 2);
    const all = [1, 2, 3, 4, 5, 6].map((n) => commit.write(n));
    writes[0]!.finish();
    await settled(all[0]!);
    writes[1]!.finish();
    await settled(all[1]!);
    writes[2]!.finish();
    await settled(all[3]!);
    writes[3]!.finish();
    await Promise.all(all);
    expect(writes.map((w) => w.rows)).toEqual([[1], [2, 3], [4, 5], [6]]);
  });
});
