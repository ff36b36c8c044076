import { badUserInput } from '@civic/runtime';
import { connectionType, ListSized, PageArgs, PageSized, paginate, type RequestContext } from '@civic/subgraph-kit';
import { Arg, Args, Ctx, Int, Query, Resolver } from 'type-graphql';
import { requireDataOfficer } from '../governanceContext.js';
import { auditBatches } from './auditBatches.js';
import { AuditFilter, auditWhere } from './auditFilter.js';
import { AuditRecord } from './AuditRecord.js';
import { CSV_HEADER_LINE, csvLines } from './csv.js';
import { AuditDayCount, CITY_TIME_ZONE, DEFAULT_CHART_DAYS, MAX_CHART_DAYS, readsPerDay, requireChartDays, requireTimeZone } from './readsPerDay.js';

const AuditRecordConnection = connectionType(AuditRecord, 'AuditRecord');
/**
 * A GraphQL answer is one string held in memory in the access service, the gateway and the client: 10,000
 * rows is about 1.5 MB. Larger exports are streamed by GET /exports/audit.csv at the gateway.
 */
const CSV_LIMIT = 10_000;
export const AUDIT_EXPORT_PATH = '/exports/audit.csv';

@Resolver(() => AuditRecord)
export class AuditResolver {
  @PageSized()
  @Query(() => AuditRecordConnection, { nullable: true, description: 'Who read what, when and why; oldest first. Data officers only.' })
  async auditRecords(@Args() page: PageArgs, @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | undefined, @Ctx() ctx: RequestContext) {
    requireDataOfficer(ctx);
    return paginate(ctx.em, AuditRecord, await auditWhere(ctx.em, ctx.identity, filter), page);
  }

  // A month's days times a few reading departments: each entry is a handful of scalars, read once.
  @ListSized(DEFAULT_CHART_DAYS * 10)
  @Query(() => [AuditDayCount], {
    nullable: true,
    description: `Reads and refused attempts per day and reading department over the last \`days\` days (at most ${MAX_CHART_DAYS}, today included), of the records \`auditRecords\` would list for \`filter\`; days and departments without records are left out. Days are the city's (${CITY_TIME_ZONE}) unless \`timeZone\` names another. Data officers only.`,
  })
  async auditReadsPerDay(
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | undefined,
    @Arg('days', () => Int, { defaultValue: DEFAULT_CHART_DAYS }) days: number,
    @Arg('timeZone', () => String, { defaultValue: CITY_TIME_ZONE, description: 'An IANA time zone: where a day begins and ends.' }) timeZone: string,
    @Ctx() ctx: RequestContext,
  ) {
    requireDataOfficer(ctx);
    return readsPerDay(ctx.em, await auditWhere(ctx.em, ctx.identity, filter), requireChartDays(days), requireTimeZone(timeZone));
  }

  @Query(() => String, {
    nullable: true,
    description: `The audit trail as CSV (RFC 4180), oldest first, at most ${CSV_LIMIT} rows. Data officers only.`,
    deprecationReason: `Held in memory whole; for more than a few thousand rows stream GET ${AUDIT_EXPORT_PATH} from the gateway (same filter as query parameters).`,
  })
  async auditCsv(
    @Arg('filter', () => AuditFilter, { nullable: true }) filter: AuditFilter | undefined,
    @Arg('limit', () => Int, { defaultValue: 10_000 }) limit: number,
    @Ctx() ctx: RequestContext,
  ) {
    requireDataOfficer(ctx);
    if (limit < 1 || limit > CSV_LIMIT) throw badUserInput('limit', `must be between 1 and ${CSV_LIMIT}`);
    let csv = CSV_HEADER_LINE;
    for await (const rows of auditBatches(ctx.em, await auditWhere(ctx.em, ctx.identity, filter), limit)) csv += csvLines(rows);
    return csv;
  }
}
