import { authorizeAction } from '@civic/governance';
import { badUserInput, notFound } from '@civic/runtime';
import { byId, Parent, type RequestContext, requireId, requireText } from '@civic/subgraph-kit';
import { Arg, Ctx, FieldResolver, Mutation, Resolver } from 'type-graphql';
import { Building } from '../buildings/Building.js';
import { Inspection } from './Inspection.js';
import { RecordInspectionInput } from './InspectionInputs.js';

@Resolver(() => Inspection)
export class InspectionResolver {
  @FieldResolver(() => Building, { description: 'The inspected building.' })
  building(@Parent() inspection: Inspection, @Ctx() ctx: RequestContext) {
    return byId(ctx, Building).load(inspection.buildingId);
  }

  @Mutation(() => Inspection, { nullable: true, description: 'Records an inspection of a building in the caller\'s jurisdiction by the caller.' })
  async recordInspection(@Arg('input', () => RecordInspectionInput) input: RecordInspectionInput, @Ctx() ctx: RequestContext) {
    const buildingId = requireId(input.buildingId, 'input.buildingId');
    const notes = requireText(input.notes, 'input.notes', 2000);
    const now = new Date();
    if (input.inspectedAt && input.inspectedAt > now) throw badUserInput('input.inspectedAt', 'must not be in the future');
    return ctx.em.transactional(async (em) => {
      const building = await em.findOne(Building, { id: buildingId });
      if (!building) throw notFound('Building', input.buildingId, 'input.buildingId');
      authorizeAction(ctx, 'Mutation.recordInspection', { buildingId, gridCode: building.gridCode, department: ctx.identity.department, result: input.result });
      const inspection = em.create(Inspection, {
        buildingId,
        gridCode: building.gridCode,
        inspectedAt: input.inspectedAt ?? now,
        inspector: ctx.identity.subject,
        department: ctx.identity.department,
        result: input.result,
        notes,
      });
      await em.flush();
      return inspection;
    });
  }
}
