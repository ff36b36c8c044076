import { Field, Int, ObjectType } from 'type-graphql';
import type { Counted } from './groupCounts.js';

/** The count of one group; a list's group type extends it with the dimensions it is counted by (type-graphql copies a decorated base class's fields into each subclass's type). */
@ObjectType({ description: 'Not served itself: its fields are in each list\'s group type.' })
export abstract class CountGroup {
  @Field(() => Int, { nullable: true, description: 'How many; null when suppressed (a special group under the threshold).' })
  count: number | null;

  @Field()
  suppressed: boolean;
}

/** A group of a list counted by place too: the place dimensions (PLACE_DIMENSIONS) asked for are set, the others null. */
@ObjectType({ description: 'Not served itself: its fields are in each list\'s group type.' })
export abstract class PlaceCountGroup extends CountGroup {
  @Field(() => String, { nullable: true, description: 'Street code (9 digits).' })
  street: string | null = null;

  @Field(() => String, { nullable: true, description: 'Community code (12 digits).' })
  community: string | null = null;

  @Field(() => String, { nullable: true, description: 'Grid code (15 digits).' })
  grid: string | null = null;
}

/** What every count answer says besides its groups: the total and how the counts were protected. */
@ObjectType({ description: 'Not served itself: its fields are in each list\'s count type.' })
export abstract class CountSummary {
  @Field(() => Int, { nullable: true, description: 'Records matching, each once (one in two groups of an array dimension counts in both groups); protected like the groups.' })
  total: number | null;

  @Field()
  totalSuppressed: boolean;

  @Field({ description: 'EXACT, or SUPPRESSED_AND_ROUNDED when a special field (the policy\'s smallCounts.fields) is grouped or filtered by: counts under the threshold are withheld and all others, the total too, rounded to a multiple of 5, so that no withheld count can be recovered by subtraction.' })
  protection: string;

  @Field(() => Int, { nullable: true, description: 'The smallest count shown, under SUPPRESSED_AND_ROUNDED (the policy\'s smallCounts.threshold).' })
  threshold: number | null;
}

/** A list's count answer from groupCounts, its groups built as `Group`. */
export function countAnswer<G extends CountGroup>(counted: Counted, Group: new () => G): CountSummary & { groups: G[] } {
  return {
    groups: counted.groups.map(({ values, count }) => Object.assign(new Group(), values, { count, suppressed: count === null })),
    total: counted.total,
    totalSuppressed: counted.total === null,
    protection: counted.protection,
    threshold: counted.threshold,
  };
}
