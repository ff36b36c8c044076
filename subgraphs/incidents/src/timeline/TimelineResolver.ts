import { authorizeAction } from '@civic/governance';
import { optionalText, requireId, requireText, type RequestContext, InputLimit } from '@civic/subgraph-kit';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { lockIncident } from '../incidents/lockIncident.js';
import { recordTimelineEntry } from './recordTimelineEntry.js';
import { TimelineEntry } from './TimelineEntry.js';

@Resolver(() => TimelineEntry)
export class TimelineResolver {
  @Mutation(() => TimelineEntry, { nullable: true, description: 'Records what the caller\'s department did about an incident, without changing its status.' })
  async addTimelineEntry(
    @Arg('incidentId', () => ID) incidentId: string,
    @Arg('action') action: string,
    @InputLimit({ maxLength: 2000 }) @Arg('note', () => String, { nullable: true }) note: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    const id = requireId(incidentId, 'incidentId');
    const values = { action: requireText(action, 'action', 100), note: optionalText(note, 'note', 2000) };
    return ctx.em.transactional(async (em) => {
      const incident = await lockIncident(em, id, 'incidentId');
      authorizeAction(ctx, 'Mutation.addTimelineEntry', { incidentId: incident.id, gridCode: incident.gridCode, department: ctx.identity.department, action: values.action });
      const entry = recordTimelineEntry(em, incident, ctx.identity, values.action, values.note);
      await em.flush();
      return entry;
    });
  }
}
