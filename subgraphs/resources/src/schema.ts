import { buildFederatedSchema, byId, parseId, type RequestContext } from '@civic/subgraph-kit';
import { DepotResolver } from './depots/DepotResolver.js';
import { StockItemResolver } from './depots/StockItemResolver.js';
import { Dispatch } from './dispatches/Dispatch.js';
import { DispatchMutationResolver } from './dispatches/DispatchMutationResolver.js';
import { DispatchResolver } from './dispatches/DispatchResolver.js';
import { DutyRosterResolver } from './duty/DutyRosterResolver.js';
import { IncidentDispatchesResolver } from './incidents/IncidentDispatchesResolver.js';
import { IncidentRef } from './incidents/IncidentRef.js';
import { EmergencyPlanResolver } from './plans/EmergencyPlanResolver.js';
import { ShelterResolver } from './shelters/ShelterResolver.js';
import { RescueTeamResolver } from './teams/RescueTeamResolver.js';

export function buildResourcesSchema() {
  return buildFederatedSchema({
    resolvers: [
      DepotResolver,
      StockItemResolver,
      RescueTeamResolver,
      ShelterResolver,
      EmergencyPlanResolver,
      DutyRosterResolver,
      DispatchResolver,
      DispatchMutationResolver,
      IncidentDispatchesResolver,
    ],
    referenceResolvers: {
      Dispatch: {
        __resolveReference: (ref: { id: unknown }, ctx: RequestContext) => {
          const id = parseId(ref.id);
          return id === null ? null : byId(ctx, Dispatch).load(id);
        },
      },
      Incident: {
        __resolveReference: (ref: { id: unknown }) => {
          const id = parseId(ref.id);
          return id === null ? null : IncidentRef.of(id);
        },
      },
    },
  });
}
