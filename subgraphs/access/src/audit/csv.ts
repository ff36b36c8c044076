import type { AuditRecord } from './AuditRecord.js';

const COLUMNS = ['at', 'subject', 'department', 'roles', 'purpose', 'typeName', 'fieldName', 'recordId', 'recordGridCode', 'decision', 'grantId', 'subgraph'] as const;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : String(value);
  // A leading = + - @ would be run as a formula by spreadsheet programs; quote it as text.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows: AuditRecord[]): string {
  const lines = [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => cell(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
