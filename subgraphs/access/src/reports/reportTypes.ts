import { AGGREGATE_KINDS, CONDITION_OPERATORS } from '@civic/reports';
import { graphqlEnum, InputLimit } from '@civic/subgraph-kit';
import { Field, InputType, Int, ObjectType } from 'type-graphql';

export const ReportOperator = graphqlEnum(CONDITION_OPERATORS, 'ReportOperator', 'How a condition compares a column with its value: numbers as numbers, anything else as text; CONTAINS finds an element of a list or a substring; CONTAINS_ANY one of several comma-separated values; EMPTY and NOT_EMPTY take no value.');
export const ReportAggregateKind = graphqlEnum(AGGREGATE_KINDS, 'ReportAggregateKind', 'COUNT: the rows of a group; COUNT_WHERE: those meeting the aggregate\'s condition.');

@ObjectType('ReportColumn', { description: 'A column of a report: a value taken from each row of the answer.' })
export class ReportColumnView {
  @Field({ description: 'Its name in conditions, grouping and JSON output.' })
  key: string;

  @Field({ description: 'Its heading in CSV and Excel.' })
  label: string;

  @Field({ description: 'Response keys from the row to a value, dot-separated (e.g. building.hazards.id); lists on the way give a list.' })
  path: string;

  @Field(() => Int, { nullable: true, description: 'Only the first n characters (e.g. 12 of a grid code: its community).' })
  prefix: number | null;
}

@ObjectType('ReportCondition', { description: 'A condition on a column of a row.' })
export class ReportConditionView {
  @Field({ description: 'A column key.' })
  column: string;

  @Field(() => ReportOperator)
  operator: string;

  @Field(() => String, { nullable: true })
  value: string | null;
}

@ObjectType('ReportAggregate', { description: 'A count per group of a report.' })
export class ReportAggregateView {
  @Field()
  key: string;

  @Field()
  label: string;

  @Field(() => ReportAggregateKind)
  kind: string;

  @Field(() => ReportConditionView, { nullable: true, description: 'For COUNT_WHERE.' })
  condition: ReportConditionView | null;
}

@InputType()
export class ReportColumnInput {
  @InputLimit({ maxLength: 50 })
  @Field()
  key: string;

  @InputLimit({ maxLength: 200 })
  @Field()
  label: string;

  @InputLimit({ maxLength: 500 })
  @Field()
  path: string;

  @Field(() => Int, { nullable: true })
  prefix?: number | null;
}

@InputType()
export class ReportConditionInput {
  @InputLimit({ maxLength: 50 })
  @Field()
  column: string;

  @Field(() => ReportOperator)
  operator: string;

  @InputLimit({ maxLength: 500 })
  @Field(() => String, { nullable: true })
  value?: string | null;
}

@InputType()
export class ReportAggregateInput {
  @InputLimit({ maxLength: 50 })
  @Field()
  key: string;

  @InputLimit({ maxLength: 200 })
  @Field()
  label: string;

  @Field(() => ReportAggregateKind)
  kind: string;

  @Field(() => ReportConditionInput, { nullable: true })
  condition?: ReportConditionInput | null;
}

@InputType({ description: 'A report to save: without id a new one, with id a change to one you may edit.' })
export class SaveReportInput {
  @Field(() => String, { nullable: true })
  id?: string | null;

  @InputLimit({ maxLength: 200 })
  @Field()
  name: string;

  @InputLimit({ maxLength: 2000 })
  @Field(() => String, { nullable: true })
  description?: string | null;

  @InputLimit({ maxLength: 20000 })
  @Field({ description: 'One GraphQL query (fragments allowed); it runs through the gateway as whoever runs the report.' })
  operation: string;

  @InputLimit({ maxLength: 100 })
  @Field(() => String, { nullable: true, description: 'Which operation of the document, when it holds several.' })
  operationName?: string | null;

  @InputLimit({ maxLength: 5000 })
  @Field(() => String, { nullable: true, description: 'A JSON object of saved variable values; { "$daysAgo": n } stands for n days before each run.' })
  variables?: string | null;

  @InputLimit({ maxLength: 200 })
  @Field({ description: 'Response keys to the list or connection holding the rows, e.g. "residents".' })
  rowsAt: string;

  @InputLimit({ maxItems: 50 })
  @Field(() => [ReportColumnInput])
  columns: ReportColumnInput[];

  @InputLimit({ maxItems: 20 })
  @Field(() => [ReportConditionInput], { nullable: true })
  where?: ReportConditionInput[] | null;

  @InputLimit({ maxItems: 5 })
  @Field(() => [String], { nullable: true, description: 'Column keys to group by.' })
  groupBy?: string[] | null;

  @InputLimit({ maxItems: 20 })
  @Field(() => [ReportAggregateInput], { nullable: true })
  aggregates?: ReportAggregateInput[] | null;

  @InputLimit({ maxItems: 20 })
  @Field(() => [String], { nullable: true, description: 'Departments whose users may see and run it besides yours; ["*"] for every department.' })
  sharedWith?: string[] | null;
}
