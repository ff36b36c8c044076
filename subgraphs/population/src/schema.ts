import { buildFederatedSchema, byId, parseId, type RequestContext } from '@civic/subgraph-kit';
import { CareVisitResolver } from './care/CareVisitResolver.js';
import { BuildingRef } from './buildings/BuildingRef.js';
import { BuildingResidentsResolver } from './buildings/BuildingResidentsResolver.js';
import { gridByCode } from './places/gridLoader.js';
import { PlaceResolver } from './places/PlaceResolver.js';
import { Resident } from './residents/Resident.js';
import { ResidentCountsResolver } from './residents/counts/ResidentCountsResolver.js';
import { ResidentResolver } from './residents/ResidentResolver.js';

export function buildPopulationSchema() {
  return buildFederatedSchema({
    resolvers: [ResidentResolver, ResidentCountsResolver, PlaceResolver, CareVisitResolver, BuildingResidentsResolver],
    referenceResolvers: {
      Resident: {
        __resolveReference: (ref: { id: unknown }, ctx: RequestContext) => {
          const id = parseId(ref.id);
          return id === null ? null : byId(ctx, Resident).load(id);
        },
      },
      Grid: {
        __resolveReference: (ref: { code: string }, ctx: RequestContext) => gridByCode(ctx).load(String(ref.code)),
      },
      Building: {
        __resolveReference: (ref: { id: unknown }) => {
          const id = parseId(ref.id);
          return id === null ? null : BuildingRef.of(id);
        },
      },
    },
  });
}
