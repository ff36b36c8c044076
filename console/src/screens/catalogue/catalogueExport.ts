import { refusalOf, saveAsDownload } from '../exportDownload';

export type CatalogueFormat = 'csv' | 'json';

const MEDIA_TYPES: Record<CatalogueFormat, string> = { csv: 'text/csv', json: 'application/json' };

/** The name the gateway gave the file (its department and date), else a plain one. */
const filenameOf = (response: Response, format: CatalogueFormat) => /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `catalogue.${format}`;

/**
 * GET /exports/catalogue.csv or .json with the user's token (the console has no powers of its own), saved
 * as a download. A few hundred rows: read whole, no streaming to a file as the audit export does.
 */
export async function downloadCatalogue(token: string, format: CatalogueFormat): Promise<void> {
  const response = await fetch(`/exports/catalogue.${format}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw await refusalOf(response);
  saveAsDownload([await response.blob()], MEDIA_TYPES[format], filenameOf(response, format));
}
