import type { AuditFilter } from '../../gql/graphql';
import { refusalOf, saveAsDownload } from '../exportDownload';

/** How far a streamed export has come: bytes received, and data rows (lines after the header). */
export interface ExportProgress {
  bytes: number;
  rows: number;
  done: boolean;
}

/** Where the file goes: a file the user chose (File System Access API), or memory, saved at the end. */
interface CsvSink {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

interface SaveFilePicker {
  showSaveFilePicker?: (options: { suggestedName: string; types: { description: string; accept: Record<string, string[]> }[] }) => Promise<{ createWritable(): Promise<WritableStream<Uint8Array> & { close(): Promise<void> }> }>;
}

/** The export's query string: the same names as the GraphQL filter, empty conditions left out. */
export function exportUrl(filter: AuditFilter): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filter)) if (value !== null && value !== undefined && value !== '') params.set(name, String(value));
  const query = params.toString();
  return `/exports/audit.csv${query ? `?${query}` : ''}`;
}

/**
 * Where the browser can write to a file the user picks, each chunk goes there as it arrives and the export
 * may be as large as the trail; elsewhere the chunks are kept and saved as one Blob at the end. Asked for
 * before the request, while the click still counts as the user's gesture. Undefined: the user cancelled.
 */
async function openSink(suggestedName: string): Promise<CsvSink | undefined> {
  const picker = (window as SaveFilePicker).showSaveFilePicker;
  if (picker) {
    try {
      const handle = await picker({ suggestedName, types: [{ description: 'CSV', accept: { 'text/csv': ['.csv'] } }] });
      const writable = await handle.createWritable();
      const writer = writable.getWriter();
      return { write: (chunk) => writer.write(chunk), close: () => writer.close(), abort: () => writer.abort() };
    } catch (error) {
      if ((error as Error).name === 'AbortError') return undefined;
      throw error;
    }
  }
  const chunks: Uint8Array[] = [];
  return {
    write: async (chunk) => void chunks.push(chunk),
    close: async () => saveAsDownload(chunks as BlobPart[], 'text/csv', suggestedName),
    abort: async () => void (chunks.length = 0),
  };
}

const NEWLINE = 10;
const countNewlines = (chunk: Uint8Array) => chunk.reduce((count, byte) => count + (byte === NEWLINE ? 1 : 0), 0);

/**
 * Streams GET /exports/audit.csv with the user's token (the console has no powers of its own) into the
 * sink, reporting progress per chunk. Resolves false when the user cancelled the file choice.
 */
export async function exportAuditCsv(token: string, filter: AuditFilter, onProgress: (progress: ExportProgress) => void): Promise<boolean> {
  const sink = await openSink(`audit-${new Date().toISOString().slice(0, 10)}.csv`);
  if (!sink) return false;
  const progress: ExportProgress = { bytes: 0, rows: 0, done: false };
  try {
    const response = await fetch(exportUrl(filter), { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok || !response.body) throw await refusalOf(response);
    const reader = response.body.getReader();
    let lines = 0;
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      await sink.write(next.value);
      lines += countNewlines(next.value);
      Object.assign(progress, { bytes: progress.bytes + next.value.byteLength, rows: Math.max(0, lines - 1) });
      onProgress({ ...progress });
    }
    await sink.close();
    onProgress({ ...progress, done: true });
    return true;
  } catch (error) {
    await sink.abort();
    throw error;
  }
}
