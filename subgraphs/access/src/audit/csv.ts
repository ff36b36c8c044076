import { csvCell } from '@civic/runtime';
import type { AuditRecord } from './AuditRecord.js';

const COLUMNS = ['at', 'subject', 'department', 'roles', 'purpose', 'typeName', 'fieldName', 'recordId', 'recordGridCode', 'decision', 'grantId', 'subgraph'] as const;

/** The header line, CRLF-terminated (RFC 4180). */
export const CSV_HEADER_LINE = `${COLUMNS.join(',')}\r\n`;

/** Records as CSV lines, each CRLF-terminated: a streamed export writes a batch at a time. */
export function csvLines(rows: AuditRecord[]): string {
  return rows.map((row) => `${COLUMNS.map((c) => csvCell(row[c])).join(',')}\r\n`).join('');
}

export function toCsv(rows: AuditRecord[]): string {
  return CSV_HEADER_LINE + csvLines(rows);
}
