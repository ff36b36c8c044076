import DataLoader from 'dataloader';
import type { RequestContext } from '@civic/shared';
import { Incident } from '../incidents/Incident.js';
import { IncidentResident } from '../incidents/IncidentResident.js';

/**
 * Incidents each resident reported or is involved in, batched per request: one statement finds the
 * involvements, one finds the incidents, however many residents the request names.
 */
export function incidentsOfResidents(ctx: RequestContext): DataLoader<number, Incident[]> {
  return ctx.loaders.get('incidentsOfResidents', () =>
    new DataLoader<number, Incident[]>(async (residentIds) => {
      const ids = [...residentIds];
      const links = await ctx.em.find(IncidentResident, { residentId: { $in: ids } });
      const involvedIncidentIds = [...new Set(links.map((link) => link.incidentId))];
      const incidents = await ctx.em.find(
        Incident,
        involvedIncidentIds.length
          ? { $or: [{ reporterResidentId: { $in: ids } }, { id: { $in: involvedIncidentIds } }] }
          : { reporterResidentId: { $in: ids } },
        { orderBy: { id: 'asc' } },
      );
      const involvedIn = new Map<number, number[]>();
      for (const link of links) involvedIn.set(link.incidentId, [...(involvedIn.get(link.incidentId) ?? []), link.residentId]);
      const byResident = new Map<number, Incident[]>(ids.map((id) => [id, []]));
      for (const incident of incidents) {
        const residents = new Set(involvedIn.get(incident.id));
        if (incident.reporterResidentId !== null) residents.add(incident.reporterResidentId);
        for (const residentId of residents) byResident.get(residentId)?.push(incident);
      }
      return ids.map((id) => byResident.get(id) ?? []);
    }),
  );
}
