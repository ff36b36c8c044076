import type { ReportColumn, ReportDefinition } from './model.js';

export type Scalar = string | number | boolean;
export type Value = Scalar | Scalar[] | null;
/** A source row's cell: the value the graph gave, or the code it refused it with (e.g. FORBIDDEN). */
export type Cell = { value: Value } | { refused: string };
export type SourceRow = Record<string, Cell>;

export interface AnswerError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: unknown };
}

export interface Answer {
  data?: Record<string, unknown> | null;
  errors?: readonly AnswerError[];
}

/** The graph refused or failed the list itself: there are no rows to report. */
export class ReportSourceError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

export interface Page {
  rows: SourceRow[];
  /** The cursor of the next page; null on the last page or for a plain list. */
  next: string | null;
}

const codeOf = (error: AnswerError): string => (typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR');

/** The values under `keys` from `value`; a list on the way gives the list of what each element holds. */
function valueAt(value: unknown, keys: readonly string[]): Value {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.flatMap((element) => valueAt(element, keys) ?? []) as Scalar[];
  if (keys.length === 0) return value as Scalar;
  return valueAt((value as Record<string, unknown>)[keys[0]!], keys.slice(1));
}

function shortened(value: Value, prefix: number | null): Value {
  if (prefix === null) return value;
  if (Array.isArray(value)) return value.map((element) => (typeof element === 'string' ? element.slice(0, prefix) : element));
  return typeof value === 'string' ? value.slice(0, prefix) : value;
}

/** The response keys (indices left out) of the part of a row an error is about, or undefined when it is not in row `index`'s place. */
function placeInRow(error: AnswerError, rowPath: readonly (string | number)[]): { row: number; keys: string[] } | undefined {
  const path = error.path ?? [];
  if (path.length <= rowPath.length || !rowPath.every((key, i) => key === '#' || path[i] === key)) return undefined;
  const row = path[rowPath.indexOf('#')];
  return typeof row === 'number' ? { row, keys: path.slice(rowPath.length).filter((key): key is string => typeof key === 'string') } : undefined;
}

const refuses = (column: ReportColumn, errorKeys: readonly string[]) => {
  const columnKeys = column.path.split('.');
  return errorKeys.length > 0 && errorKeys.every((key, i) => columnKeys[i] === key);
};

/**
 * One answer's rows, each column's cell read from the row, or refused when the graph answered that part of
 * the row with an error (a FORBIDDEN field, an unreachable subgraph): a refused value is never taken for a
 * missing one. An answer without the list fails the run with the graph's own code.
 */
export function readPage(definition: Pick<ReportDefinition, 'rowsAt' | 'columns'>, answer: Answer): Page {
  const listKeys = definition.rowsAt.split('.');
  const list = listKeys.reduce<unknown>((value, key) => (value as Record<string, unknown> | null)?.[key] ?? null, answer.data ?? null);
  if (list === null || list === undefined) {
    const cause = answer.errors?.[0];
    throw new ReportSourceError(cause ? cause.message : `the answer has no ${definition.rowsAt}`, cause ? codeOf(cause) : 'INTERNAL_SERVER_ERROR');
  }
  const connection = !Array.isArray(list);
  const records = connection ? ((list as { edges: { node: unknown }[] }).edges ?? []).map((edge) => edge.node) : (list as unknown[]);
  const rowPath = connection ? [...listKeys, 'edges', '#', 'node'] : [...listKeys, '#'];
  const refusals = (answer.errors ?? []).flatMap((error) => {
    const place = placeInRow(error, rowPath);
    return place ? [{ ...place, code: codeOf(error) }] : [];
  });
  const rows = records.map((record, index) =>
    Object.fromEntries(
      definition.columns.map((column): [string, Cell] => {
        const refusal = refusals.find((candidate) => candidate.row === index && refuses(column, candidate.keys));
        return [column.key, refusal ? { refused: refusal.code } : { value: shortened(valueAt(record, column.path.split('.')), column.prefix) }];
      }),
    ),
  );
  const pageInfo = connection ? (list as { pageInfo?: { hasNextPage?: boolean; endCursor?: string | null } }).pageInfo : undefined;
  return { rows, next: pageInfo?.hasNextPage && pageInfo.endCursor ? pageInfo.endCursor : null };
}
