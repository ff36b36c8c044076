import { authorizeAction, Classified, withinJurisdiction } from '@civic/governance';
import { ErrorCode, badUserInput, conflict, notFound } from '@civic/runtime';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { GraphQLError } from 'graphql';
import { byId, childrenOf, connectionType, ListSized, optionalText, PageArgs, PageSized, paginate, Parent, type RequestContext, requireGridCode, requireId, requireIdNumber, requireIsoDate, requirePhone, requireText } from '@civic/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { CareVisit } from '../care/CareVisit.js';
import { BuildingRef } from '../buildings/BuildingRef.js';
import { Area } from '../places/Area.js';
import { ageOn, needsEvacuationAssistance } from './derived.js';
import { Household } from './Household.js';
import { Resident } from './Resident.js';
import { ResidentFilter, residentWhere } from './ResidentFilter.js';
import { RegisterResidentInput } from './ResidentInputs.js';

export const ResidentConnection = connectionType(Resident, 'Resident');

function idNumberTaken(): GraphQLError {
  return conflict(ErrorCode.Conflict, 'input.idNumber: another resident is already registered with this ID number', { field: 'input.idNumber' });
}

/**
 * One person, one registration. The check looks past the caller's jurisdiction (the number is taken
 * wherever its holder lives) and says only that it is taken, never by whom; the unique index settles
 * two registrations racing each other.
 */
async function requireUnregisteredIdNumber(ctx: RequestContext, idNumber: string): Promise<void> {
  if (await ctx.em.count(Resident, { idNumber }, { filters: false })) throw idNumberTaken();
}

@Resolver(() => Resident)
export class ResidentResolver {
  @PageSized()
  @Query(() => ResidentConnection, { nullable: true, description: 'Residents the caller may see, in id order.' })
  residents(
    @Args() page: PageArgs,
    @Arg('filter', () => ResidentFilter, { nullable: true }) filter: ResidentFilter | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return paginate(ctx.em, Resident, residentWhere(filter, ctx), page);
  }

  @Query(() => Resident, { nullable: true, description: 'One resident; null when absent or outside the caller\'s jurisdiction.' })
  resident(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return byId(ctx, Resident).load(requireId(id, 'id'));
  }

  @Classified('internal')
  @FieldResolver(() => Int, { nullable: true, description: 'Age in whole years today.' })
  age(@Parent() resident: Resident): number {
    return ageOn(resident.birthDate, new Date());
  }

  @Classified('sensitive')
  @FieldResolver(() => Boolean, { nullable: true,
    description: 'Needs help to leave the building in an emergency; derived from care categories without revealing them.',
  })
  needsEvacuationAssistance(@Parent() resident: Resident): boolean {
    return needsEvacuationAssistance(resident.careCategories);
  }

  @FieldResolver(() => BuildingRef, { nullable: true, description: 'The building the resident lives in; null when the buildings service cannot answer or the caller may not see it.' })
  building(@Parent() resident: Resident): BuildingRef {
    return BuildingRef.of(resident.buildingId);
  }

  @FieldResolver(() => Household, { nullable: true })
  household(@Parent() resident: Resident, @Ctx() ctx: RequestContext) {
    return byId(ctx, Household).load(resident.householdId);
  }

  @ListSized(10)
  @FieldResolver(() => [Resident], { description: 'Everyone in the same household, this resident included.' })
  householdMembers(@Parent() resident: Resident, @Ctx() ctx: RequestContext) {
    return childrenOf<Resident, number>(ctx, Resident, 'householdId').load(resident.householdId);
  }

  @Classified('sensitive')
  @ListSized(50)
  @FieldResolver(() => [CareVisit], { nullable: true })
  careVisits(@Parent() resident: Resident, @Ctx() ctx: RequestContext) {
    return childrenOf<CareVisit, number>(ctx, CareVisit, 'residentId').load(resident.id);
  }

  @Mutation(() => Resident, { nullable: true, description: 'Registers a resident at a building, in a new or existing household.' })
  async registerResident(@Arg('input', () => RegisterResidentInput) input: RegisterResidentInput, @Ctx() ctx: RequestContext) {
    const gridCode = requireGridCode(input.gridCode, 'input.gridCode');
    if (!withinJurisdiction(gridCode, ctx.identity.jurisdiction)) throw badUserInput('input.gridCode', 'is outside your jurisdiction');
    const idNumber = requireIdNumber(input.idNumber, 'input.idNumber');
    const birthDate = requireIsoDate(input.birthDate, 'input.birthDate');
    if (idNumber.slice(6, 14) !== birthDate.replaceAll('-', '')) throw badUserInput('input.birthDate', 'does not match the birth date in the ID number');
    const male = Number(idNumber[16]) % 2 === 1;
    if ((input.gender === 'MALE') !== male) throw badUserInput('input.gender', 'does not match the ID number');
    const values = {
      name: requireText(input.name, 'input.name', 100),
      phone: input.phone ? requirePhone(input.phone, 'input.phone') : null,
      buildingId: requireId(input.buildingId, 'input.buildingId'),
      room: optionalText(input.room, 'input.room', 20) ?? '1',
    };
    authorizeAction(ctx, 'Mutation.registerResident', { gridCode, buildingId: values.buildingId, gender: input.gender });
    const grid = await ctx.em.findOne(Area, { code: gridCode, level: 'GRID' });
    if (!grid) throw badUserInput('input.gridCode', `no grid has code ${gridCode}`);
    await requireUnregisteredIdNumber(ctx, idNumber);
    // The buildings subgraph owns buildings: the resident's must exist, be visible to the caller and stand in the resident's grid.
    const building = await ctx.owners.require<{ id: string; gridCode: string }>('buildings', 'Building', values.buildingId, 'gridCode', 'input.buildingId');
    if (building.gridCode !== gridCode) throw badUserInput('input.buildingId', `is in grid ${building.gridCode}, not in input.gridCode ${gridCode}`);
    return ctx.em.transactional(async (em) => {
      let householdId: number;
      if (input.householdId) {
        householdId = requireId(input.householdId, 'input.householdId');
        const household = await em.findOne(Household, { id: householdId });
        if (!household) throw notFound('Household', input.householdId, 'input.householdId');
        if (household.buildingId !== values.buildingId) throw badUserInput('input.householdId', 'belongs to another building');
      } else {
        const household = em.create(Household, { buildingId: values.buildingId, gridCode, room: values.room });
        await em.flush();
        householdId = household.id;
      }
      const resident = em.create(Resident, {
        name: values.name,
        gender: input.gender,
        birthDate,
        idNumber,
        phone: values.phone,
        gridCode,
        buildingId: values.buildingId,
        householdId,
        careCategories: input.careCategories ?? [],
        keyPersonnelCategory: null,
        registeredAt: new Date(),
      });
      await em.flush();
      return resident;
    }).catch((error: unknown) => {
      throw error instanceof UniqueConstraintViolationException ? idNumberTaken() : error;
    });
  }
}
