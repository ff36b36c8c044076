import { IncidentCountsResolver } from './incidents/counts/IncidentCountsResolver.js';
import { buildFederatedSchema, byId, parseId, type RequestContext } from '@civic/subgraph-kit';
import { BuildingIncidentsResolver } from './buildings/BuildingIncidentsResolver.js';
import { BuildingRef } from './buildings/BuildingRef.js';
import { Incident } from './incidents/Incident.js';
import { IncidentResolver } from './incidents/IncidentResolver.js';
import { IncidentWorkflowResolver } from './incidents/IncidentWorkflowResolver.js';
import { ResidentIncidentsResolver } from './residents/ResidentIncidentsResolver.js';
import { ResidentRef } from './residents/ResidentRef.js';
import { TimelineResolver } from './timeline/TimelineResolver.js';

export function buildIncidentsSchema() {
  return buildFederatedSchema({
    resolvers: [IncidentResolver, IncidentCountsResolver, IncidentWorkflowResolver, TimelineResolver, BuildingIncidentsResolver, ResidentIncidentsResolver],
    referenceResolvers: {
      Incident: {
        __resolveReference: (ref: { id: unknown }, ctx: RequestContext) => {
          const id = parseId(ref.id);
          return id === null ? null : byId(ctx, Incident).load(id);
        },
      },
      Building: {
        __resolveReference: (ref: { id: unknown }) => {
          const id = parseId(ref.id);
          return id === null ? null : BuildingRef.of(id);
        },
      },
      Resident: {
        __resolveReference: (ref: { id: unknown }) => {
          const id = parseId(ref.id);
          return id === null ? null : ResidentRef.of(id);
        },
      },
    },
  });
}
