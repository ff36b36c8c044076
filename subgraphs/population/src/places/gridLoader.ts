import { withinJurisdiction } from '@civic/governance';
import DataLoader from 'dataloader';
import { findPlainRows, type RequestContext } from '@civic/subgraph-kit';
import { Area, Grid } from './Area.js';

/** Grids by code, batched per request; a grid outside the caller's jurisdiction resolves to null. */
export function gridByCode(ctx: RequestContext): DataLoader<string, Grid | null> {
  return ctx.loaders.get('gridByCode', () =>
    new DataLoader<string, Grid | null>(async (codes) => {
      const visible = codes.filter((code) => withinJurisdiction(code, ctx.identity.jurisdiction));
      const areas = visible.length ? await findPlainRows(ctx.em, Area, { code: { $in: [...visible] }, level: 'GRID' }) : [];
      const found = new Map(areas.map((area) => [area.code, Grid.fromArea(area)]));
      return codes.map((code) => found.get(code) ?? null);
    }),
  );
}
