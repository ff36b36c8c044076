import { ListSized } from '@civic/subgraph-kit';
import type { RequestContext } from '@civic/subgraph-kit';
import { Ctx, Query, Resolver } from 'type-graphql';
import { Department } from './Department.js';

@Resolver(() => Department)
export class DepartmentResolver {
  @ListSized(20)
  @Query(() => [Department], { nullable: true, description: 'The departments and what each owns.' })
  departments(@Ctx() ctx: RequestContext) {
    return ctx.em.find(Department, {}, { orderBy: { code: 'asc' } });
  }
}
