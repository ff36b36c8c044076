import { protectCount, type SmallCountRule } from '@civic/governance';
import type { ReportAggregate, ReportCondition, ReportDefinition } from './model.js';
import type { Cell, Scalar, SourceRow, Value } from './rows.js';

/** An output cell: a value, a value the graph refused (with its code), or a count withheld as too small. */
export type OutputCell = Cell | { suppressed: true };

export interface Table {
  columns: { key: string; label: string }[];
  rows: Record<string, OutputCell>[];
  /** Source rows left out because a condition could not be decided on a refused value. */
  undecidedRows: number;
}

type Verdict = boolean | { refused: string };

const isEmpty = (value: Value) => value === null || value === '' || (Array.isArray(value) && value.length === 0);

function compare(left: Scalar, right: string): number {
  const number = Number(right);
  if (typeof left === 'number' && right.trim() !== '' && Number.isFinite(number)) return left - number;
  const text = String(left);
  return text < right ? -1 : text > right ? 1 : 0;
}

function holds(value: Value, condition: ReportCondition): boolean {
  const wanted = condition.value ?? '';
  switch (condition.operator) {
    case 'EMPTY':
      return isEmpty(value);
    case 'NOT_EMPTY':
      return !isEmpty(value);
    case 'CONTAINS_ANY': {
      const anyOf = new Set(wanted.split(',').map((item) => item.trim()));
      return (Array.isArray(value) ? value : value === null ? [] : [value]).some((element) => anyOf.has(String(element)));
    }
    case 'CONTAINS':
      return Array.isArray(value) ? value.some((element) => String(element) === wanted) : value !== null && String(value).includes(wanted);
    default: {
      if (value === null || Array.isArray(value)) return condition.operator === 'NE' ? String(value ?? '') !== wanted : false;
      const order = compare(value, wanted);
      return { EQ: order === 0, NE: order !== 0, GT: order > 0, GTE: order >= 0, LT: order < 0, LTE: order <= 0 }[condition.operator];
    }
  }
}

function verdict(row: SourceRow, condition: ReportCondition): Verdict {
  const cell = row[condition.column]!;
  return 'refused' in cell ? cell : holds(cell.value, condition);
}

function aggregateCell(aggregate: ReportAggregate, rows: readonly SourceRow[], rule: SmallCountRule): OutputCell {
  let count = rows.length;
  if (aggregate.condition) {
    const verdicts = rows.map((row) => verdict(row, aggregate.condition!));
    const refused = verdicts.find((candidate) => typeof candidate === 'object');
    // One undecidable row makes the count unknowable; a count of the others would pass for the whole.
    if (refused) return refused as { refused: string };
    count = verdicts.filter((candidate) => candidate === true).length;
  }
  const published = protectCount(count, rule);
  return published === null ? { suppressed: true } : { value: published };
}

const groupKey = (row: SourceRow, keys: readonly string[]) => JSON.stringify(keys.map((key) => row[key]));

/**
 * A run's source rows as the report's output: rows failing a condition left out (and those a refused
 * value makes undecidable, counted apart), then either one output row per source row, or one per group
 * with its counts. Every count is protected as counts of special groups are (withheld under the
 * threshold, the others rounded): a report may count anything, so the runner cannot tell which are.
 */
export function tabulate(definition: Pick<ReportDefinition, 'columns' | 'where' | 'groupBy' | 'aggregates'>, source: readonly SourceRow[], suppressBelow: number): Table {
  let undecidedRows = 0;
  const kept = source.filter((row) => {
    const verdicts = definition.where.map((condition) => verdict(row, condition));
    if (verdicts.some((candidate) => typeof candidate === 'object')) {
      undecidedRows += 1;
      return false;
    }
    return verdicts.every(Boolean);
  });
  if (definition.groupBy.length === 0 && definition.aggregates.length === 0) {
    return { columns: definition.columns.map(({ key, label }) => ({ key, label })), rows: kept, undecidedRows };
  }
  const rule: SmallCountRule = { protection: 'SUPPRESSED_AND_ROUNDED', threshold: suppressBelow };
  const groups = new Map<string, SourceRow[]>();
  for (const row of kept) groups.set(groupKey(row, definition.groupBy), [...(groups.get(groupKey(row, definition.groupBy)) ?? []), row]);
  // A report without grouping still has its one total row, even with nothing to count.
  if (definition.groupBy.length === 0 && groups.size === 0) groups.set('[]', []);
  const groupColumns = definition.groupBy.map((key) => definition.columns.find((column) => column.key === key)!);
  const rows = [...groups.entries()]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([, members]) => ({
      ...Object.fromEntries(groupColumns.map((column) => [column.key, members[0]![column.key]!])),
      ...Object.fromEntries(definition.aggregates.map((aggregate) => [aggregate.key, aggregateCell(aggregate, members, rule)])),
    }));
  return { columns: [...groupColumns, ...definition.aggregates].map(({ key, label }) => ({ key, label })), rows, undecidedRows };
}
