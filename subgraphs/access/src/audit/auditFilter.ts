import { EFFECTS, type Effect } from '@civic/governance';
import { badUserInput, type EntityManager, type Identity } from '@civic/runtime';
import { DEFAULT_MAX_TEXT_LENGTH, rejectControlCharacters, requireId, requireMaxLength } from '@civic/subgraph-kit';
import type { FilterQuery } from '@mikro-orm/core';
import { Field, GraphQLISODateTime, ID, InputType } from 'type-graphql';
import { ownedSubgraphs } from '../governanceContext.js';
import { AuditRecord } from './AuditRecord.js';

@InputType({ description: 'Narrows the audit trail; all given conditions must hold.' })
export class AuditFilter {
  @Field(() => ID, { nullable: true, description: 'Reads of this resident\'s fields.' })
  residentId?: string;

  @Field(() => String, { nullable: true })
  typeName?: string;

  @Field(() => String, { nullable: true })
  recordId?: string;

  @Field(() => String, { nullable: true })
  fieldName?: string;

  @Field(() => String, { nullable: true, description: 'The reading department.' })
  department?: string;

  @Field(() => String, { nullable: true })
  subject?: string;

  @Field(() => String, { nullable: true, description: 'The stated purpose (a code of the catalogue, `purposes`).' })
  purpose?: string;

  @Field(() => String, { nullable: true, description: `The decision: ${EFFECTS.join(', ')} (deny: a refused attempt).` })
  decision?: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  from?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Exclusive.' })
  to?: Date;
}

/** A decision a record can carry; anything else is refused rather than matching nothing. */
function requireDecision(value: string, field: string): Effect {
  if (!(EFFECTS as readonly string[]).includes(value)) throw badUserInput(field, `must be one of ${EFFECTS.join(', ')}, got ${JSON.stringify(value.slice(0, 40))}`);
  return value as Effect;
}

/**
 * The one place that says which audit records a data officer may see: the reads made by their own
 * department and the reads of the fields their department owns, and nothing else, narrowed by `filter`.
 * Both the GraphQL fields and the streamed export ask it.
 */
export async function auditWhere(em: EntityManager, identity: Identity, filter: AuditFilter | undefined): Promise<FilterQuery<AuditRecord>> {
  const owned = await ownedSubgraphs(em, identity.department);
  const conditions: FilterQuery<AuditRecord>[] = [{ $or: [{ department: identity.department }, { subgraph: { $in: owned } }] }];
  if (filter?.residentId) conditions.push({ typeName: 'Resident', recordId: String(requireId(filter.residentId, 'filter.residentId')) });
  if (filter?.typeName) conditions.push({ typeName: filter.typeName });
  if (filter?.recordId) conditions.push({ recordId: filter.recordId });
  if (filter?.fieldName) conditions.push({ fieldName: filter.fieldName });
  if (filter?.department) conditions.push({ department: filter.department });
  if (filter?.subject) conditions.push({ subject: filter.subject });
  if (filter?.purpose) conditions.push({ purpose: filter.purpose });
  if (filter?.decision) conditions.push({ decision: requireDecision(filter.decision, 'filter.decision') });
  if (filter?.from) conditions.push({ at: { $gte: filter.from } });
  if (filter?.to) conditions.push({ at: { $lt: filter.to } });
  return { $and: conditions };
}

const TEXT_PARAMETERS = ['residentId', 'typeName', 'recordId', 'fieldName', 'department', 'subject', 'purpose', 'decision'] as const;
const TIME_PARAMETERS = ['from', 'to'] as const;
const KNOWN_PARAMETERS: ReadonlySet<string> = new Set([...TEXT_PARAMETERS, ...TIME_PARAMETERS]);

function timeParameter(value: string, name: string): Date {
  const time = new Date(value);
  // The same form GraphQL's DateTime takes: an ISO 8601 date and time, with its offset.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(time.getTime())) {
    throw badUserInput(name, `must be an ISO 8601 date and time such as 2026-11-01T00:00:00Z, got ${JSON.stringify(value.slice(0, 40))}`);
  }
  return time;
}

function textParameter(name: string, value: string): string {
  if (name === 'residentId') return String(requireId(value, name));
  if (name === 'decision') return requireDecision(value, name);
  return value;
}

/**
 * The export's query string as the filter `auditRecords` takes, checked as the GraphQL input guard
 * checks arguments (length, control characters, ids). Unknown or repeated parameters are refused
 * rather than ignored: a misspelt filter must not silently widen the export. Throws BAD_USER_INPUT
 * naming the parameter.
 */
export function auditFilterFromQuery(params: URLSearchParams): AuditFilter {
  const filter: AuditFilter = {};
  for (const name of new Set(params.keys())) {
    if (!KNOWN_PARAMETERS.has(name)) throw badUserInput(name.slice(0, 40), `is not a filter of the audit export; use ${[...KNOWN_PARAMETERS].join(', ')}`);
    const values = params.getAll(name);
    if (values.length > 1) throw badUserInput(name, 'is given more than once');
    const value = requireMaxLength(rejectControlCharacters(values[0]!, name), name, DEFAULT_MAX_TEXT_LENGTH);
    if (value === '') continue;
    if ((TIME_PARAMETERS as readonly string[]).includes(name)) filter[name as (typeof TIME_PARAMETERS)[number]] = timeParameter(value, name);
    else filter[name as (typeof TEXT_PARAMETERS)[number]] = textParameter(name, value);
  }
  return filter;
}
