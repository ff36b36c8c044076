import { authorizeAction } from '@civic/governance';
import { type HazardStatus as HazardStatusValue } from '../vocabulary.js';
import { badUserInput, notFound } from '@civic/runtime';
import { byId, connectionType, InputLimit, optionalText, PageArgs, PageSized, paginate, Parent, type RequestContext, requireId, requireText } from '@civic/subgraph-kit';
import { LockMode } from '@mikro-orm/core';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Building } from '../buildings/Building.js';
import { HazardStatus } from './enums.js';
import { Hazard } from './Hazard.js';
import { HazardFilter, hazardWhere } from './HazardFilter.js';
import { RecordHazardInput } from './HazardInputs.js';
import { assertTransition, defaultDeadline, isOverdue } from './workflow.js';

export const HazardConnection = connectionType(Hazard, 'Hazard');

@Resolver(() => Hazard)
export class HazardResolver {
  @PageSized()
  @Query(() => HazardConnection, { nullable: true, description: 'Hazards the caller may see, in id order.' })
  hazards(
    @Args() page: PageArgs,
    @Arg('filter', () => HazardFilter, { nullable: true }) filter: HazardFilter | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return paginate(ctx.em, Hazard, hazardWhere(filter), page);
  }

  @Query(() => Hazard, { nullable: true, description: 'One hazard; null when absent or outside the caller\'s jurisdiction.' })
  hazard(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return byId(ctx, Hazard).load(requireId(id, 'id'));
  }

  @FieldResolver(() => Boolean, { description: 'Not yet CLOSED and past its deadline.' })
  overdue(@Parent() hazard: Hazard): boolean {
    return isOverdue(hazard, new Date());
  }

  @FieldResolver(() => Building, { description: 'The building the hazard is in.' })
  building(@Parent() hazard: Hazard, @Ctx() ctx: RequestContext) {
    return byId(ctx, Building).load(hazard.buildingId);
  }

  @Mutation(() => Hazard, { nullable: true, description: 'Records a newly found hazard in a building in the caller\'s jurisdiction; it starts OPEN.' })
  async recordHazard(@Arg('input', () => RecordHazardInput) input: RecordHazardInput, @Ctx() ctx: RequestContext) {
    const buildingId = requireId(input.buildingId, 'input.buildingId');
    const description = requireText(input.description, 'input.description', 2000);
    const reportedAt = new Date();
    if (input.deadline && input.deadline <= reportedAt) throw badUserInput('input.deadline', 'must be in the future');
    return ctx.em.transactional(async (em) => {
      const building = await em.findOne(Building, { id: buildingId });
      if (!building) throw notFound('Building', input.buildingId, 'input.buildingId');
      authorizeAction(ctx, 'Mutation.recordHazard', { buildingId, gridCode: building.gridCode, category: input.category, severity: input.severity, status: 'OPEN' });
      const hazard = em.create(Hazard, {
        buildingId,
        gridCode: building.gridCode,
        category: input.category,
        severity: input.severity,
        status: 'OPEN',
        description,
        reportedAt,
        deadline: input.deadline ?? defaultDeadline(input.severity, reportedAt),
        closedAt: null,
        rectificationNote: null,
      });
      await em.flush();
      return hazard;
    });
  }

  @Mutation(() => Hazard, {
    nullable: true,
    description: 'Moves a hazard along OPEN -> RECTIFYING -> CLOSED (or OPEN -> CLOSED). Closing needs a note saying what was done.',
  })
  async updateHazardStatus(
    @Arg('id', () => ID) id: string,
    @Arg('status', () => HazardStatus) status: HazardStatusValue,
    @InputLimit({ maxLength: 2000 }) @Arg('note', () => String, { nullable: true, description: 'What was done; becomes the rectification note.' }) note: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    const hazardId = requireId(id, 'id');
    return ctx.em.transactional(async (em) => {
      // The row lock makes two concurrent updates of one hazard apply one after the other, so each sees the other's status.
      const hazard = await em.findOne(Hazard, { id: hazardId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!hazard) throw notFound('Hazard', id, 'id');
      authorizeAction(ctx, 'Mutation.updateHazardStatus', hazard);
      assertTransition(hazardId, hazard.status, status);
      const rectificationNote = status === 'CLOSED' ? requireText(note, 'note', 2000) : optionalText(note, 'note', 2000);
      hazard.status = status;
      if (rectificationNote) hazard.rectificationNote = rectificationNote;
      if (status === 'CLOSED') hazard.closedAt = new Date();
      await em.flush();
      return hazard;
    });
  }
}
