import { authorizeAction, withinJurisdiction } from '@civic/governance';
import { type IncidentStatus as IncidentStatusValue } from '../vocabulary.js';
import { ErrorCode, badUserInput, conflict } from '@civic/runtime';
import { notFoundAt, optionalText, recordLiveEvent, requireGridCode, requireId, requireText, type RequestContext, InputLimit } from '@civic/subgraph-kit';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { recordTimelineEntry } from '../timeline/recordTimelineEntry.js';
import { IncidentStatus } from './enums.js';
import { Incident } from './Incident.js';
import { ReportIncidentInput } from './IncidentInputs.js';
import { IncidentResident } from './IncidentResident.js';
import { lockIncident } from './lockIncident.js';
import { allowedTransitions, defaultDeadline } from './workflow.js';

function optionalId(value: string | undefined | null, field: string): number | null {
  return value === undefined || value === null ? null : requireId(value, field);
}

interface IncidentReferences {
  gridCode: string;
  buildingId: number | null;
  reporterResidentId: number | null;
  involvedResidentIds: number[];
}

/**
 * The building and residents an incident names must exist and be visible to the caller (their owners
 * say so), and the building must stand in the incident's grid: a building is in exactly one grid, so a
 * different gridCode means one of the two is mistyped, and guessing which would file the incident in
 * the wrong place.
 */
async function checkReferences(ctx: RequestContext, references: IncidentReferences): Promise<void> {
  const { gridCode, buildingId, reporterResidentId, involvedResidentIds } = references;
  const residentIds = [...new Set([...(reporterResidentId === null ? [] : [reporterResidentId]), ...involvedResidentIds])];
  const [building, residents] = await Promise.all([
    buildingId === null ? null : ctx.owners.require<{ id: string; gridCode: string }>('buildings', 'Building', buildingId, 'gridCode', 'input.buildingId'),
    ctx.owners.find('population', 'Resident', residentIds, '', reporterResidentId !== null ? 'input.reporterResidentId' : 'input.involvedResidentIds'),
  ]);
  if (building && building.gridCode !== gridCode) {
    throw badUserInput('input.buildingId', `is in grid ${building.gridCode}, not in input.gridCode ${gridCode}`);
  }
  if (reporterResidentId !== null && !residents.has(reporterResidentId)) throw notFoundAt('input.reporterResidentId', 'Resident', reporterResidentId);
  const missing = involvedResidentIds.find((id) => !residents.has(id));
  if (missing !== undefined) throw notFoundAt('input.involvedResidentIds', 'Resident', missing);
}

@Resolver(() => Incident)
export class IncidentWorkflowResolver {
  @Mutation(() => Incident, { nullable: true, description: 'Records a new incident in status REPORTED, with its first timeline entry.' })
  async reportIncident(@Arg('input', () => ReportIncidentInput) input: ReportIncidentInput, @Ctx() ctx: RequestContext) {
    const gridCode = requireGridCode(input.gridCode, 'input.gridCode');
    if (!withinJurisdiction(gridCode, ctx.identity.jurisdiction)) throw badUserInput('input.gridCode', 'is outside your jurisdiction');
    const reportedAt = new Date();
    if (input.deadline && input.deadline.getTime() <= reportedAt.getTime()) throw badUserInput('input.deadline', 'must be in the future');
    const involvedResidentIds = [...new Set((input.involvedResidentIds ?? []).map((id, n) => requireId(id, `input.involvedResidentIds[${n}]`)))];
    const buildingId = optionalId(input.buildingId, 'input.buildingId');
    const reporterResidentId = optionalId(input.reporterResidentId, 'input.reporterResidentId');
    await checkReferences(ctx, { gridCode, buildingId, reporterResidentId, involvedResidentIds });
    const values = {
      gridCode,
      category: input.category,
      source: input.source,
      severity: input.severity,
      status: 'REPORTED' as const,
      title: requireText(input.title, 'input.title', 200),
      description: requireText(input.description, 'input.description', 4000),
      buildingId,
      reporterResidentId,
      reportedAt,
      deadline: input.deadline ?? defaultDeadline(input.severity, reportedAt),
      updatedAt: reportedAt,
    };
    authorizeAction(ctx, 'Mutation.reportIncident', values);
    return ctx.em.transactional(async (em) => {
      const incident = em.create(Incident, values);
      await em.flush();
      for (const residentId of involvedResidentIds) {
        em.create(IncidentResident, { incidentId: incident.id, residentId, gridCode, role: 'INVOLVED' });
      }
      recordTimelineEntry(em, incident, ctx.identity, 'REPORTED', 'Incident registered', reportedAt);
      recordLiveEvent(em, ctx, 'incident.reported', incident);
      await em.flush();
      return incident;
    });
  }

  @Mutation(() => Incident, { nullable: true, description: 'Moves an incident along its workflow and records the step in its timeline.' })
  async transitionIncident(
    @Arg('id', () => ID) id: string,
    @Arg('to', () => IncidentStatus) to: IncidentStatusValue,
    @InputLimit({ maxLength: 2000 }) @Arg('note', () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    const incidentId = requireId(id, 'id');
    const noteText = optionalText(note, 'note', 2000);
    return ctx.em.transactional(async (em) => {
      const incident = await lockIncident(em, incidentId, 'id');
      authorizeAction(ctx, 'Mutation.transitionIncident', incident);
      const from = incident.status;
      const allowed = allowedTransitions(from);
      if (!allowed.includes(to)) {
        throw conflict(
          ErrorCode.IllegalTransition,
          `Incident ${incident.id} cannot go from ${from} to ${to}; allowed: ${allowed.length ? allowed.join(', ') : 'none'}`,
          { from, to, allowed },
        );
      }
      incident.status = to;
      recordTimelineEntry(em, incident, ctx.identity, to, noteText ?? `Status set to ${to.toLowerCase().replaceAll('_', ' ')}`);
      recordLiveEvent(em, ctx, 'incident.transitioned', incident);
      await em.flush();
      return incident;
    });
  }
}
