import { Classified } from '@civic/governance';
import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';
import { Directive, Field, ObjectType } from 'type-graphql';
import { graphqlEnum } from '@civic/subgraph-kit';

export const AreaLevel = graphqlEnum(
  ['DISTRICT', 'STREET', 'COMMUNITY', 'GRID'] as const,
  'AreaLevel',
  'A level of the jurisdiction tree: city > district > street > community > grid.',
);

/** One node of the jurisdiction tree. Codes are hierarchical: a child's code starts with its parent's. */
@Entity({ tableName: 'area' })
@ObjectType({ description: 'A district, street, community or grid.' })
export class Area {
  @PrimaryKey({ length: 18 })
  @Field()
  code: string;

  @Property({ length: 100 })
  @Field()
  name: string;

  @Property({ length: 10 })
  @Index({ name: 'area_level_idx' })
  @Field(() => AreaLevel)
  level: 'DISTRICT' | 'STREET' | 'COMMUNITY' | 'GRID';

  @Property({ length: 18, nullable: true })
  @Index({ name: 'area_parent_code_idx' })
  @Field(() => String, { nullable: true })
  parentCode: string | null;

  @Property({ length: 100, nullable: true })
  workerName: string | null;

  @Property({ length: 20, nullable: true })
  workerPhone: string | null;
}

/** The smallest unit of the tree, a few hundred households with a named grid worker. */
@ObjectType({ description: 'The smallest unit of grid governance: a few hundred households and their grid worker.' })
@Directive('@key(fields: "code")')
export class Grid {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field({ description: 'Code of the community this grid belongs to.' })
  communityCode: string;

  @Field(() => String, { nullable: true })
  workerName: string | null;

  @Classified('internal')
  @Field(() => String, { nullable: true, description: 'The grid worker\'s phone.' })
  workerPhone: string | null;

  static fromArea(area: Area): Grid {
    return Object.assign(new Grid(), {
      code: area.code,
      name: area.name,
      communityCode: area.parentCode ?? '',
      workerName: area.workerName,
      workerPhone: area.workerPhone,
    });
  }
}
