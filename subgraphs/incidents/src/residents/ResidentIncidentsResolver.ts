import type { RequestContext } from '@civic/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Incident } from '../incidents/Incident.js';
import { ResidentRef } from './ResidentRef.js';
import { incidentsOfResidents } from './incidentsOfResidents.js';

@Resolver(() => ResidentRef)
export class ResidentIncidentsResolver {
  @FieldResolver(() => [Incident], { description: 'Incidents this resident reported or is involved in that the caller may see, in id order.' })
  incidents(@Root() resident: ResidentRef, @Ctx() ctx: RequestContext) {
    return incidentsOfResidents(ctx).load(Number(resident.id));
  }
}
