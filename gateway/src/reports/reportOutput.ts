import { tabulate, type OutputCell, type Table } from '@civic/reports';
import { csvCell } from '@civic/runtime';
import type { RunRows } from './runReport.js';
import type { SavedReport } from './savedReport.js';

/** A finished run as every format writes it. */
export interface ReportResult {
  report: { id: string; name: string };
  ranAt: string;
  ranBy: { department: string; subject: string };
  columns: Table['columns'];
  /** One object per output row, by column key; a refused or withheld cell is null (see refused and suppressedCells). */
  rows: Record<string, unknown>[];
  pages: number;
  sourceRows: number;
  /** Source rows left out because a condition fell on a value the graph refused. */
  undecidedRows: number;
  /** Per column, how many cells the graph refused, and with which code. */
  refused: { column: string; cells: number; code: string }[];
  /** Counts withheld as under suppressBelow. */
  suppressedCells: number;
  protection: 'EXACT' | 'SUPPRESSED_AND_ROUNDED';
  suppressBelow: number | null;
}

const valueOf = (cell: OutputCell): unknown => ('value' in cell ? cell.value : null);

function refusedCounts(table: Table): ReportResult['refused'] {
  const counts = new Map<string, { column: string; cells: number; code: string }>();
  for (const row of table.rows) {
    for (const [column, cell] of Object.entries(row)) {
      if (!('refused' in cell)) continue;
      const key = `${column} ${cell.refused}`;
      counts.set(key, { column, code: cell.refused, cells: (counts.get(key)?.cells ?? 0) + 1 });
    }
  }
  return [...counts.values()];
}

export function reportResult(report: SavedReport, run: RunRows, ranBy: ReportResult['ranBy'], ranAt: Date): { result: ReportResult; table: Table } {
  const table = tabulate(report, run.rows, report.suppressBelow);
  const counted = report.groupBy.length > 0 || report.aggregates.length > 0;
  const result: ReportResult = {
    report: { id: report.id, name: report.name },
    ranAt: ranAt.toISOString(),
    ranBy,
    columns: table.columns,
    rows: table.rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, cell]) => [key, valueOf(cell)]))),
    pages: run.pages,
    sourceRows: run.sourceRows,
    undecidedRows: table.undecidedRows,
    refused: refusedCounts(table),
    suppressedCells: table.rows.reduce((sum, row) => sum + Object.values(row).filter((cell) => 'suppressed' in cell).length, 0),
    protection: counted ? 'SUPPRESSED_AND_ROUNDED' : 'EXACT',
    suppressBelow: counted ? report.suppressBelow : null,
  };
  return { result, table };
}

/** A cell as a person reads it in a sheet: lists joined, a refusal as its code, a withheld count as "under k". */
function displayed(cell: OutputCell, suppressBelow: number): string | number | boolean | null {
  if ('refused' in cell) return `[${cell.refused}]`;
  if ('suppressed' in cell) return `<${suppressBelow}`;
  return Array.isArray(cell.value) ? cell.value.join('; ') : cell.value;
}

export function reportCsv(table: Table, suppressBelow: number): string {
  const lines = [table.columns.map((column) => csvCell(column.label)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((column) => csvCell(displayed(row[column.key]!, suppressBelow))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** The workbook: the rows on "Report", and on "About" what was run, by whom, and what was refused or withheld. */
export async function reportWorkbook(result: ReportResult, table: Table, suppressBelow: number): Promise<Buffer> {
  // Loaded on the first Excel run: a third of a second of every gateway start otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date(result.ranAt);
  const sheet = workbook.addWorksheet('Report', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({ header: column.label, key: column.key, width: Math.min(60, Math.max(12, column.label.length + 2)) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow(Object.fromEntries(table.columns.map((column) => [column.key, displayed(row[column.key]!, suppressBelow)])));
  const about = workbook.addWorksheet('About');
  about.columns = [{ width: 24 }, { width: 80 }];
  about.addRows([
    ['Report', result.report.name],
    ['Ran at', result.ranAt],
    ['Ran by', `${result.ranBy.subject} (${result.ranBy.department})`],
    ['Pages read', result.pages],
    ['Rows read', result.sourceRows],
    ['Rows left undecided', result.undecidedRows],
    ['Counts', result.protection === 'EXACT' ? 'none' : `withheld under ${suppressBelow} (shown as <${suppressBelow}), the others rounded to a multiple of 5`],
    ...result.refused.map(({ column, cells, code }) => [`Refused: ${column}`, `${cells} cells (${code}), shown as [${code}]`]),
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
