import { readPage, tabulate, variablesForRun, type ReportDefinition } from '@civic/reports';

const definition: Pick<ReportDefinition, 'rowsAt' | 'columns' | 'where' | 'groupBy' | 'aggregates'> = {
  rowsAt: 'residents',
  columns: [
    { key: 'community', label: 'Community', path: 'gridCode', prefix: 12 },
    { key: 'age', label: 'Age', path: 'age', prefix: null },
    { key: 'care', label: 'Care', path: 'careCategories', prefix: null },
    { key: 'hazards', label: 'Hazards', path: 'building.hazards.category', prefix: null },
  ],
  where: [{ column: 'age', operator: 'GTE', value: '60' }],
  groupBy: ['community'],
  aggregates: [
    { key: 'people', label: 'People', kind: 'COUNT', condition: null },
    { key: 'alone', label: 'Alone', kind: 'COUNT_WHERE', condition: { column: 'care', operator: 'CONTAINS', value: 'ELDERLY_LIVING_ALONE' } },
  ],
};

const resident = (gridCode: string, age: number, careCategories: string[] | null, hazards: string[] = []) => ({ node: { gridCode, age, careCategories, building: { hazards: hazards.map((category) => ({ category })) } } });
const page = (edges: unknown[], errors: unknown[] = [], next: string | null = null) => ({ data: { residents: { edges, pageInfo: { hasNextPage: next !== null, endCursor: next } } }, errors });

describe('a run\'s pages as a report\'s rows', () => {
  it('reads each column through lists, and takes a cell the graph answered with an error as refused, never as empty', () => {
    const read = readPage(definition, page([resident('110101001001001', 70, ['DISABLED'], ['GAS_LEAK', 'BLOCKED_EXIT']), resident('110101001002001', 65, null)], [{ message: 'no', path: ['residents', 'edges', 1, 'node', 'careCategories'], extensions: { code: 'FORBIDDEN' } }], 'c2'));
    expect(read.next).toBe('c2');
    expect(read.rows).toEqual([
      { community: { value: '110101001001' }, age: { value: 70 }, care: { value: ['DISABLED'] }, hazards: { value: ['GAS_LEAK', 'BLOCKED_EXIT'] } },
      { community: { value: '110101001002' }, age: { value: 65 }, care: { refused: 'FORBIDDEN' }, hazards: { value: [] } },
    ]);
  });

  it('takes an error on an object as a refusal of every column under it', () => {
    const read = readPage(definition, page([resident('110101001001001', 70, [])], [{ message: 'down', path: ['residents', 'edges', 0, 'node', 'building'], extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }]));
    expect(read.rows[0]!.hazards).toEqual({ refused: 'SUBGRAPH_UNAVAILABLE' });
    expect(read.rows[0]!.age).toEqual({ value: 70 });
  });

  it('fails with the graph\'s own code when the list itself is refused', () => {
    expect(() => readPage(definition, { data: { residents: null }, errors: [{ message: 'Not for you', path: ['residents'], extensions: { code: 'FORBIDDEN' } }] })).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: 'Not for you' }));
  });

  it('groups and counts, withholding counts under the threshold and rounding the others to a multiple of 5', () => {
    const rows = [
      ...Array.from({ length: 12 }, () => readPage(definition, page([resident('110101001001001', 70, ['ELDERLY_LIVING_ALONE'])])).rows[0]!),
      ...Array.from({ length: 3 }, () => readPage(definition, page([resident('110101001002001', 80, [])])).rows[0]!),
      readPage(definition, page([resident('110101001002001', 30, [])])).rows[0]!,
    ];
    const table = tabulate(definition, rows, 5);
    expect(table.columns.map((column) => column.key)).toEqual(['community', 'people', 'alone']);
    expect(table.rows).toEqual([
      { community: { value: '110101001001' }, people: { value: 10 }, alone: { value: 10 } },
      { community: { value: '110101001002' }, people: { suppressed: true }, alone: { suppressed: true } },
    ]);
  });

  it('refuses a group\'s conditional count when one of its rows was refused the value, and counts rows a refusal leaves undecided apart', () => {
    const refused = { data: { residents: { edges: [resident('110101001001001', 70, null)], pageInfo: { hasNextPage: false, endCursor: null } } }, errors: [{ message: 'no', path: ['residents', 'edges', 0, 'node', 'careCategories'], extensions: { code: 'FORBIDDEN' } }] };
    const rows = Array.from({ length: 6 }, () => readPage(definition, refused).rows[0]!);
    expect(tabulate(definition, rows, 5).rows).toEqual([{ community: { value: '110101001001' }, people: { value: 5 }, alone: { refused: 'FORBIDDEN' } }]);
    const onRefused = { ...definition, where: [{ column: 'care', operator: 'NOT_EMPTY' as const, value: null }] };
    expect(tabulate(onRefused, rows, 5)).toMatchObject({ rows: [], undecidedRows: 6 });
  });

  it('matches any of several values, and compares numbers as numbers and instants as text', () => {
    const plain = { ...definition, groupBy: [], aggregates: [], where: [{ column: 'hazards', operator: 'CONTAINS_ANY' as const, value: 'GAS_LEAK, FAULTY_WIRING' }, { column: 'age', operator: 'GT' as const, value: '9' }] };
    const rows = readPage(definition, page([resident('1', 10, [], ['GAS_LEAK']), resident('2', 10, [], ['FLOOD_PRONE']), resident('3', 9, [], ['FAULTY_WIRING'])])).rows;
    expect(tabulate(plain, rows, 5).rows.map((row) => row.community)).toEqual([{ value: '1' }]);
  });
});

describe('the variables of a run', () => {
  it('overrides saved values with the runner\'s, makes relative instants absolute, and never takes the paging variable from either', () => {
    const now = new Date('2026-12-02T00:00:00.000Z');
    expect(variablesForRun({ since: { $daysAgo: 30 }, place: '11', after: 'x' }, { place: '1101', after: 'y' }, now, 'after')).toEqual({ since: '2026-11-02T00:00:00.000Z', place: '1101' });
  });
});
