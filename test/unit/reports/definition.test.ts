import { reportProblems, type ReportDefinition } from '@civic/reports';
import { buildSchema } from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';

const schema = buildSchema(readFileSync('schema/supergraph.graphql', 'utf8'), { assumeValidSDL: true });

const residents: ReportDefinition = {
  name: 'Residents by grid',
  description: '',
  operation: 'query ($after: String) { residents(first: 200, after: $after) { edges { node { gridCode age building { hazards { category } } } } pageInfo { hasNextPage endCursor } } }',
  operationName: null,
  variables: {},
  rowsAt: 'residents',
  columns: [
    { key: 'grid', label: 'Grid', path: 'gridCode', prefix: null },
    { key: 'hazards', label: 'Hazards', path: 'building.hazards.category', prefix: null },
  ],
  where: [],
  groupBy: ['grid'],
  aggregates: [{ key: 'residents', label: 'Residents', kind: 'COUNT', condition: null }],
};

const problemsOf = (change: Partial<ReportDefinition>) => reportProblems(schema, { ...residents, ...change });

describe('a report definition, checked against the composed schema before it is saved', () => {
  it('accepts a paged connection with columns through lists and other subgraphs', () => {
    expect(problemsOf({})).toEqual([]);
  });

  it('accepts the example reports shipped in examples/reports', () => {
    for (const file of readdirSync('examples/reports')) {
      const example = JSON.parse(readFileSync(`examples/reports/${file}`, 'utf8'));
      const definition: ReportDefinition = {
        ...example,
        operationName: null,
        variables: JSON.parse(example.variables),
        columns: example.columns.map((column: object) => ({ prefix: null, ...column })),
        where: example.where ?? [],
        groupBy: example.groupBy ?? [],
        aggregates: (example.aggregates ?? []).map((aggregate: object) => ({ condition: null, ...aggregate })),
      };
      expect({ file, problems: reportProblems(schema, definition) }).toEqual({ file, problems: [] });
    }
  });

  it('refuses a connection it could not page through, naming what is missing', () => {
    const unpaged = residents.operation.replace('after: $after', '');
    expect(problemsOf({ operation: unpaged.replace('($after: String) ', '') })).toEqual([{ at: 'input.rowsAt', message: expect.stringContaining('after: $after') }]);
  });

  it('refuses mutations, several unnamed operations, and operations that do not validate, with the line and column', () => {
    expect(problemsOf({ operation: 'mutation { deleteReport(id: 1) }' })).toEqual([{ at: 'input.operation', message: 'a report runs a query, not a mutation' }]);
    expect(problemsOf({ operation: '{ a: departments { code } } { b: departments { code } }' })).toEqual([{ at: 'input.operation', message: expect.stringContaining('operationName') }]);
    expect(problemsOf({ operation: residents.operation.replace('age', 'agee') })).toEqual([{ at: 'input.operation', message: expect.stringMatching(/"agee".*\(line 1, column \d+\)$/) }]);
  });

  it('names each column whose path leads nowhere, or to an object instead of a value', () => {
    expect(problemsOf({ columns: [...residents.columns, { key: 'b', label: 'B', path: 'building', prefix: null }, { key: 'c', label: 'C', path: 'phone', prefix: null }] }).map((problem) => problem.at)).toEqual([
      'input.columns[2].path',
      'input.columns[3].path',
    ]);
  });

  it('names conditions, grouping and counts that refer to no column, and keys used twice', () => {
    const problems = problemsOf({
      where: [{ column: 'nope', operator: 'EQ', value: '1' }, { column: 'grid', operator: 'EMPTY', value: 'x' }],
      groupBy: ['grid', 'missing'],
      aggregates: [{ key: 'grid', label: 'G', kind: 'COUNT_WHERE', condition: null }],
    });
    expect(problems.map((problem) => problem.at)).toEqual(['input.aggregates[0].key', 'input.where[0].column', 'input.where[1].value', 'input.groupBy[1]', 'input.aggregates[0].condition']);
  });

  it('names saved variables the operation does not declare, required ones not saved, and malformed relative instants', () => {
    const operation = 'query ($since: DateTimeISO!, $after: String) { incidents(filter: { reportedFrom: $since }, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }';
    const incidents = { operation, rowsAt: 'incidents', columns: [{ key: 'id', label: 'Id', path: 'id', prefix: null }], groupBy: [], aggregates: [] };
    expect(problemsOf({ ...incidents, variables: { since: { $daysAgo: 30 } } })).toEqual([]);
    expect(problemsOf({ ...incidents, variables: { since: { $daysAgo: -1 }, other: 1 } }).map((problem) => problem.at)).toEqual(['input.variables.since', 'input.variables.other']);
    expect(problemsOf({ ...incidents, variables: {} })).toEqual([{ at: 'input.variables.since', message: '$since is required by the operation and has no saved value' }]);
  });
});
