import { HazardCountsResolver } from './hazards/counts/HazardCountsResolver.js';
import { buildFederatedSchema, byId, parseId, type RequestContext } from '@civic/subgraph-kit';
import { Building } from './buildings/Building.js';
import { BuildingResolver } from './buildings/BuildingResolver.js';
import { Hazard } from './hazards/Hazard.js';
import { HazardResolver } from './hazards/HazardResolver.js';
import { InspectionResolver } from './inspections/InspectionResolver.js';
import { GridBuildingsResolver } from './places/GridBuildingsResolver.js';
import { GridRef } from './places/GridRef.js';

export function buildBuildingsSchema() {
  return buildFederatedSchema({
    resolvers: [BuildingResolver, HazardResolver, HazardCountsResolver, InspectionResolver, GridBuildingsResolver],
    // No query returns a Grid here; only the gateway reaches it, through population's grids.
    orphanedTypes: [GridRef],
    referenceResolvers: {
      Building: {
        __resolveReference: (ref: { id: unknown }, ctx: RequestContext) => {
          const id = parseId(ref.id);
          return id === null ? null : byId(ctx, Building).load(id);
        },
      },
      Hazard: {
        __resolveReference: (ref: { id: unknown }, ctx: RequestContext) => {
          const id = parseId(ref.id);
          return id === null ? null : byId(ctx, Hazard).load(id);
        },
      },
      Grid: {
        __resolveReference: (ref: { code: unknown }) => GridRef.of(String(ref.code)),
      },
    },
  });
}
