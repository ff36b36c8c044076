/** What the gateway's exports (/exports/...) share in the console: their refusals, and saving a file without a picker. */

export class ExportRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The refusal the gateway answered (JSON errors), as one message. */
export async function refusalOf(response: Response): Promise<ExportRefused> {
  const body = (await response.json().catch(() => undefined)) as { errors?: { message: string; extensions?: { code?: string } }[] } | undefined;
  const message = body?.errors?.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ') ?? `HTTP ${response.status}`;
  return new ExportRefused(response.status, message);
}

/**
 * Saves what was received as a download of one Blob: the browser's ordinary download, where no file
 * could be written as it arrived. The export's request carried the token in a header, so a plain link
 * to the export cannot replace it.
 */
export function saveAsDownload(parts: BlobPart[], type: string, filename: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob(parts, { type }));
  link.download = filename;
  link.click();
  // The download has started from the object URL by then; freed late rather than cut short.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}
