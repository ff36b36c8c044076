import { ErrorCode, sendError, sendJson, verifyAuthorization, type EntityManager, type ExtraRoute, type Orm, type TokenVerifier } from '@civic/runtime';
import { GraphQLError } from 'graphql';
import { csvCell } from '@civic/runtime';
import { catalogueEntries } from './CatalogueResolver.js';

export const CATALOGUE_CSV_PATH = '/exports/catalogue.csv';
export const CATALOGUE_JSON_PATH = '/exports/catalogue.json';

/** The columns of the CSV: a data officer's spreadsheet, one row per field. */
const COLUMNS = ['field', 'subgraph', 'owner', 'classification', 'sharingClass', 'sharingClassSource', 'sharingClassReason', 'yourAccessInside', 'yourAccessOutside', 'howToGetMore', 'description'] as const;

type Entry = Awaited<ReturnType<typeof catalogueEntries>>[number];

const effectOf = (decision: Entry['yourAccess']['inside']) => (decision.mask ? `${decision.effect} (${decision.mask})` : decision.effect);
const rowOf = (entry: Entry): Record<(typeof COLUMNS)[number], unknown> => ({ ...entry, yourAccessInside: effectOf(entry.yourAccess.inside), yourAccessOutside: effectOf(entry.yourAccess.outside) });

/**
 * GET /exports/catalogue.csv and .json: the data catalogue as the caller sees it (the same entries as
 * `dataCatalogue`), for a spreadsheet or another system. Any identity the gateway issued; a few hundred
 * rows, so it is written at once.
 */
export function catalogueExportRoute(orm: Orm, gatewayTokens: TokenVerifier, format: 'csv' | 'json'): ExtraRoute {
  return async (req, res) => {
    try {
      if (req.method !== 'GET') throw new GraphQLError('The catalogue export is read with GET', { extensions: { code: ErrorCode.BadUserInput, http: { status: 405, headers: new Map([['allow', 'GET']]) } } });
      const identity = await verifyAuthorization(gatewayTokens, req.headers.authorization, undefined);
      const entries = await catalogueEntries({ em: orm.em.fork({ useContext: false }) as EntityManager, identity });
      const filename = `catalogue-${identity.department}-${new Date().toISOString().slice(0, 10)}.${format}`;
      res.setHeader('content-disposition', `attachment; filename="${filename}"`);
      if (format === 'json') return sendJson(res, 200, { entries });
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8; header=present', 'cache-control': 'no-store' });
      res.end([COLUMNS.join(','), ...entries.map((entry) => COLUMNS.map((column) => csvCell(rowOf(entry)[column])).join(','))].map((line) => `${line}\r\n`).join(''));
    } catch (error) {
      if (error instanceof GraphQLError) return sendError(res, error);
      throw error;
    }
  };
}
