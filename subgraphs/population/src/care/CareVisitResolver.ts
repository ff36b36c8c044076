import { authorizeAction } from '@civic/governance';
import { notFound } from '@civic/runtime';
import { byId, optionalText, requireId, requireText, type RequestContext } from '@civic/subgraph-kit';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Resident } from '../residents/Resident.js';
import { RecordCareVisitInput } from '../residents/ResidentInputs.js';
import { CareVisit } from './CareVisit.js';

@Resolver(() => CareVisit)
export class CareVisitResolver {
  @Mutation(() => CareVisit, { nullable: true, description: 'Records a care visit to a resident in the caller\'s jurisdiction.' })
  async recordCareVisit(@Arg('input', () => RecordCareVisitInput) input: RecordCareVisitInput, @Ctx() ctx: RequestContext) {
    const residentId = requireId(input.residentId, 'input.residentId');
    const visitor = requireText(input.visitor, 'input.visitor', 100);
    const notes = optionalText(input.notes, 'input.notes', 2000);
    const resident = await byId(ctx, Resident).load(residentId);
    if (!resident) throw notFound('Resident', input.residentId, 'input.residentId');
    authorizeAction(ctx, 'Mutation.recordCareVisit', { residentId, gridCode: resident.gridCode, visitor });
    return ctx.em.transactional(async (em) => {
      const visit = em.create(CareVisit, {
        residentId,
        gridCode: resident.gridCode,
        visitedAt: input.visitedAt ?? new Date(),
        visitor,
        notes,
      });
      await em.flush();
      return visit;
    });
  }
}
