import DataLoader from 'dataloader';
import { findPlainRows, type RequestContext } from '@civic/subgraph-kit';
import { Incident } from '../incidents/Incident.js';
import { IncidentResident } from '../incidents/IncidentResident.js';

/**
 * Incidents each resident reported or is involved in, batched per request: one statement finds the
 * involvements, one finds the incidents, however many residents the request names.
 */
export interface ResidentIncident {
  incident: Incident;
  reported: boolean;
  involved: boolean;
}

export function incidentsOfResidents(ctx: RequestContext): DataLoader<number, ResidentIncident[]> {
  return ctx.loaders.get('incidentsOfResidents', () =>
    new DataLoader<number, ResidentIncident[]>(async (residentIds) => {
      const ids = [...residentIds];
      const links = await findPlainRows(ctx.em, IncidentResident, { residentId: { $in: ids } });
      const involvedIncidentIds = [...new Set(links.map((link) => link.incidentId))];
      const incidents = await findPlainRows(
        ctx.em,
        Incident,
        involvedIncidentIds.length
          ? { $or: [{ reporterResidentId: { $in: ids } }, { id: { $in: involvedIncidentIds } }] }
          : { reporterResidentId: { $in: ids } },
        { orderBy: { id: 'asc' } },
      );
      const involvedIn = new Map<number, number[]>();
      for (const link of links) involvedIn.set(link.incidentId, [...(involvedIn.get(link.incidentId) ?? []), link.residentId]);
      const byResident = new Map<number, ResidentIncident[]>(ids.map((id) => [id, []]));
      for (const incident of incidents) {
        const involved = new Set(involvedIn.get(incident.id));
        const residents = new Set(involved);
        if (incident.reporterResidentId !== null) residents.add(incident.reporterResidentId);
        for (const residentId of residents) {
          byResident.get(residentId)?.push({ incident, reported: incident.reporterResidentId === residentId, involved: involved.has(residentId) });
        }
      }
      return ids.map((id) => byResident.get(id) ?? []);
    }),
  );
}
