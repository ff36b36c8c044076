import type { Identity } from '@civic/runtime';
import { badUserInput, notFound } from '@civic/runtime';
import { ListSized, requireId, type RequestContext } from '@civic/subgraph-kit';
import { DEFAULT_SMALL_COUNT_THRESHOLD } from '@civic/governance';
import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, GraphQLISODateTime, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Department } from '../departments/Department.js';
import { author } from '../governanceContext.js';
import { currentPolicy } from '../policies/publish.js';
import { definitionFromInput } from './definitionFromInput.js';
import { ReportAggregateView, ReportColumnView, ReportConditionView, SaveReportInput } from './reportTypes.js';
import { SavedReport } from './SavedReport.js';

const EVERY_DEPARTMENT = '*';

@ObjectType('SavedReport', { description: 'A saved report: a query and what to take from its answer. It holds no data: a run (GET /reports/{id}/run.csv, .xlsx or .json at the gateway) answers as the runner may see.' })
class SavedReportView {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field({ description: 'The GraphQL query it runs.' })
  operation: string;

  @Field(() => String, { nullable: true })
  operationName: string | null;

  @Field({ description: 'The saved variable values, as a JSON object; { "$daysAgo": n } stands for n days before each run.' })
  variables: string;

  @Field({ description: 'Response keys to the list or connection holding the rows.' })
  rowsAt: string;

  @ListSized(50)
  @Field(() => [ReportColumnView])
  columns: ReportColumnView[];

  @ListSized(20)
  @Field(() => [ReportConditionView], { description: 'Rows failing any of these are left out.' })
  where: ReportConditionView[];

  @ListSized(5)
  @Field(() => [String], { description: 'Column keys: one output row per group; empty for one per row.' })
  groupBy: string[];

  @ListSized(20)
  @Field(() => [ReportAggregateView])
  aggregates: ReportAggregateView[];

  @Field({ description: 'The author\'s department: its users see the report and its data officers may change it.' })
  department: string;

  @Field()
  author: string;

  @ListSized(20)
  @Field(() => [String], { description: 'Other departments whose users may see and run it; ["*"] for all.' })
  sharedWith: string[];

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  @Field({ description: 'Whether you may change or delete it: its author, or a data officer of its department.' })
  editable: boolean;

  @Field(() => Int, { description: 'A run withholds every count under this (the policy\'s smallCounts threshold) and rounds the others to a multiple of 5.' })
  suppressBelow: number;
}

const visibleTo = (report: SavedReport, identity: Identity) =>
  report.department === identity.department || report.sharedWith.includes(EVERY_DEPARTMENT) || report.sharedWith.includes(identity.department);

const editableBy = (report: SavedReport, ctx: RequestContext) =>
  report.author === author(ctx) || (report.department === ctx.identity.department && ctx.identity.roles.includes('data-officer'));

/** The threshold a run protects counts with: the policy in force's smallCounts. */
async function suppressBelow(ctx: RequestContext): Promise<number> {
  const { document } = await currentPolicy(ctx);
  return document.smallCounts?.threshold ?? DEFAULT_SMALL_COUNT_THRESHOLD;
}

function view(report: SavedReport, ctx: RequestContext, threshold: number): SavedReportView {
  return {
    ...report,
    id: String(report.id),
    variables: JSON.stringify(report.variables),
    where: report.conditions,
    editable: editableBy(report, ctx),
    suppressBelow: threshold,
  };
}

async function sharedWithDepartments(ctx: RequestContext, wanted: readonly string[]): Promise<string[]> {
  const known = new Set((await ctx.em.find(Department, {})).map((department) => department.code));
  wanted.forEach((code, index) => {
    if (code !== EVERY_DEPARTMENT && !known.has(code)) throw badUserInput(`input.sharedWith[${index}]`, `"${code}" is not a department (departments lists them; "*" shares with all)`);
  });
  return [...new Set(wanted)].filter((code) => code !== ctx.identity.department);
}

/** A report the caller may see, for a change: one they may not see is answered exactly as a missing one. */
async function editable(ctx: RequestContext, id: string, field: string, em: RequestContext['em']): Promise<SavedReport> {
  const report = await em.findOne(SavedReport, { id: requireId(id, field) });
  if (!report || !visibleTo(report, ctx.identity)) throw notFound('Report', id, field);
  if (!editableBy(report, ctx)) throw new GraphQLError(`Report ${id} may be changed by its author or a data officer of ${report.department} only`, { extensions: { code: 'FORBIDDEN' } });
  return report;
}

@Resolver()
export class ReportResolver {
  @ListSized(200)
  @Query(() => [SavedReportView], { description: 'The reports you may run: your department\'s and those shared with it, by name.' })
  async savedReports(@Ctx() ctx: RequestContext): Promise<SavedReportView[]> {
    const department = ctx.identity.department;
    const reports = await ctx.em.find(SavedReport, { $or: [{ department }, { sharedWith: { $overlap: [department, EVERY_DEPARTMENT] } }] }, { orderBy: { name: 'asc', id: 'asc' } });
    // One policy read for the whole list, not one per report.
    const threshold = await suppressBelow(ctx);
    return reports.map((report) => view(report, ctx, threshold));
  }

  @Query(() => SavedReportView, { nullable: true, description: 'One report you may run; null when absent or not shared with your department.' })
  async savedReport(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<SavedReportView | null> {
    const report = await ctx.em.findOne(SavedReport, { id: requireId(id, 'id') });
    return report && visibleTo(report, ctx.identity) ? view(report, ctx, await suppressBelow(ctx)) : null;
  }

  @Mutation(() => SavedReportView, { description: 'Saves a report (checked against the graph\'s schema; every problem is named) or, with id, changes one you may edit. Any signed-in user.' })
  async saveReport(@Arg('input', () => SaveReportInput) input: SaveReportInput, @Ctx() ctx: RequestContext): Promise<SavedReportView> {
    const definition = definitionFromInput(input);
    const sharedWith = await sharedWithDepartments(ctx, input.sharedWith ?? []);
    const { where, ...fields } = definition;
    const saved = await ctx.em.transactional(async (em) => {
      const report = input.id ? await editable(ctx, input.id, 'input.id', em) : em.create(SavedReport, { ...fields, conditions: where, sharedWith, department: ctx.identity.department, author: author(ctx), updatedAt: new Date() });
      Object.assign(report, { ...fields, conditions: where, sharedWith, updatedAt: new Date() });
      em.persist(report);
      await em.flush();
      return report;
    });
    return view(saved, ctx, await suppressBelow(ctx));
  }

  @Mutation(() => Boolean, { description: 'Deletes a report you may edit.' })
  async deleteReport(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<boolean> {
    await ctx.em.transactional(async (em) => {
      em.remove(await editable(ctx, id, 'id', em));
      await em.flush();
    });
    return true;
  }
}
