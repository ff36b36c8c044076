import { withinJurisdiction } from '@civic/governance';
import { badUserInput } from '@civic/runtime';
import { findPlainRows, gridPrefixCondition, ListSized, PageArgs, PageSized, paginate, Parent, type RequestContext } from '@civic/subgraph-kit';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import { Resident } from '../residents/Resident.js';
import { ResidentConnection } from '../residents/ResidentResolver.js';
import { ResidentFilter, residentWhere } from '../residents/ResidentFilter.js';
import { Area, AreaLevel, Grid } from './Area.js';
import { gridByCode } from './gridLoader.js';

@Resolver(() => Grid)
export class PlaceResolver {
  @Query(() => Grid, { nullable: true, description: 'A grid by its 15-digit code; null when absent or outside the caller\'s jurisdiction.' })
  grid(@Arg('code') code: string, @Ctx() ctx: RequestContext) {
    return gridByCode(ctx).load(code);
  }

  @ListSized(500)
  @Query(() => [Grid], { nullable: true, description: 'Grids whose code starts with the given prefix, within the caller\'s jurisdiction.' })
  async grids(@Arg('codePrefix', { defaultValue: '' }) codePrefix: string, @Ctx() ctx: RequestContext) {
    const jurisdiction = ctx.identity.jurisdiction ?? '';
    const prefix = codePrefix.length >= jurisdiction.length ? codePrefix : jurisdiction;
    if (!prefix.startsWith(jurisdiction) && !jurisdiction.startsWith(codePrefix)) return [];
    const where = prefix ? { level: 'GRID' as const, code: gridPrefixCondition(prefix, 'codePrefix') } : { level: 'GRID' as const };
    const areas = await findPlainRows(ctx.em, Area, where, { orderBy: { code: 'asc' }, limit: 5000 });
    return areas.map(Grid.fromArea);
  }

  @ListSized(500)
  @Query(() => [Area], { nullable: true, description: 'The jurisdiction tree: the children of an area, or the districts when no parent is given.' })
  areas(
    @Arg('parentCode', () => String, { nullable: true }) parentCode: string | undefined,
    @Arg('level', () => AreaLevel, { nullable: true }) level: Area['level'] | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    if (parentCode && !/^\d{1,18}$/.test(parentCode)) throw badUserInput('parentCode', `must be an area code, got "${parentCode}"`);
    return findPlainRows(
      ctx.em,
      Area,
      { parentCode: parentCode ?? null, ...(level ? { level } : {}) },
      { orderBy: { code: 'asc' } },
    );
  }

  @PageSized()
  @FieldResolver(() => ResidentConnection, { description: 'Residents of this grid, in id order.' })
  residents(
    @Parent() grid: Grid,
    @Args() page: PageArgs,
    @Arg('filter', () => ResidentFilter, { nullable: true }) filter: ResidentFilter | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    if (!withinJurisdiction(grid.code, ctx.identity.jurisdiction)) return paginate(ctx.em, Resident, { id: 0 }, page);
    return paginate(ctx.em, Resident, { $and: [{ gridCode: grid.code }, residentWhere(filter, ctx)] }, page);
  }
}
