/**
 * A saved report: a named GraphQL query with its variables, the list in its answer that holds the rows,
 * the columns taken from each row, and optionally conditions, grouping and counts. It holds no data:
 * whoever runs it gets what the graph gives them (their rules, masks, place scope and audit records).
 */
export interface ReportDefinition {
  name: string;
  description: string;
  /** One GraphQL query (the document may hold fragments). */
  operation: string;
  /** Which operation of the document, when it holds several. */
  operationName: string | null;
  /** Saved values of the operation's variables; `{ "$daysAgo": n }` stands for the instant n days before the run. */
  variables: Record<string, unknown>;
  /** Response keys from the answer's root to the list (or connection: its edges' nodes are the rows), e.g. "residents". */
  rowsAt: string;
  columns: ReportColumn[];
  /** Rows failing any of these are left out (all must hold). */
  where: ReportCondition[];
  /** Column keys: one output row per distinct combination; empty for one output row per source row. */
  groupBy: string[];
  /** Counts per group; a report with groupBy has at least one. */
  aggregates: ReportAggregate[];
}

export interface ReportColumn {
  /** A name for the column in conditions, grouping and JSON output. */
  key: string;
  /** The heading shown in CSV and Excel. */
  label: string;
  /** Response keys from the row to a leaf, e.g. "building.hazards.id"; lists on the way give a list of values. */
  path: string;
  /** Keep only the first n characters (e.g. 12 of a grid code: its community's code). */
  prefix: number | null;
}

export const CONDITION_OPERATORS = ['EQ', 'NE', 'GT', 'GTE', 'LT', 'LTE', 'CONTAINS', 'CONTAINS_ANY', 'EMPTY', 'NOT_EMPTY'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];
/** The operators that compare with a value; EMPTY and NOT_EMPTY take none. */
export const OPERATORS_WITH_VALUE: readonly ConditionOperator[] = ['EQ', 'NE', 'GT', 'GTE', 'LT', 'LTE', 'CONTAINS', 'CONTAINS_ANY'];

export interface ReportCondition {
  column: string;
  operator: ConditionOperator;
  /** Compared as a number when both sides are numbers, else as text (ISO instants compare correctly as text); for CONTAINS_ANY, comma-separated. */
  value: string | null;
}

export const AGGREGATE_KINDS = ['COUNT', 'COUNT_WHERE'] as const;
export type AggregateKind = (typeof AGGREGATE_KINDS)[number];

export interface ReportAggregate {
  key: string;
  label: string;
  /** COUNT: rows in the group; COUNT_WHERE: rows in the group meeting `condition`. */
  kind: AggregateKind;
  condition: ReportCondition | null;
}
