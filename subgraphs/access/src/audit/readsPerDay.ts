import { badUserInput, type EntityManager } from '@civic/runtime';
import type { FilterQuery } from '@mikro-orm/core';
import { raw, type QBFilterQuery } from '@mikro-orm/sql';
import { Field, Int, ObjectType } from 'type-graphql';
import { AuditRecord } from './AuditRecord.js';

/** A month is what the console charts; a year is the most one statement may group, so a chart costs one bounded scan. */
export const DEFAULT_CHART_DAYS = 30;
export const MAX_CHART_DAYS = 366;
/** The city's own days: officers there count a read at 01:00 local time on the day they made it, not the UTC day before. */
export const CITY_TIME_ZONE = 'Asia/Shanghai';

@ObjectType({ description: "One department's audited reads on one day." })
export class AuditDayCount {
  @Field({ description: 'The day (YYYY-MM-DD) in the time zone asked for.' })
  day: string;

  @Field({ description: 'The reading department.' })
  department: string;

  @Field(() => Int, { description: 'Values handed out (allow or mask).' })
  reads: number;

  @Field(() => Int, { description: 'Refused attempts (deny).' })
  denied: number;
}

export function requireChartDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > MAX_CHART_DAYS) throw badUserInput('days', `must be between 1 and ${MAX_CHART_DAYS}`);
  return days;
}

/** An IANA zone both this process and PostgreSQL know; anything else is refused before it reaches SQL. */
export function requireTimeZone(zone: string): string {
  if (zone === 'UTC' || Intl.supportedValuesOf('timeZone').includes(zone)) return zone;
  throw badUserInput('timeZone', `must be an IANA time zone such as ${CITY_TIME_ZONE} or UTC, got ${JSON.stringify(zone.slice(0, 40))}`);
}

/**
 * The records `where` selects over the last `days` days (today included, in `timeZone`), counted per day
 * and department by the database (one GROUP BY, however many records), oldest day first.
 */
export async function readsPerDay(em: EntityManager, where: FilterQuery<AuditRecord>, days: number, timeZone: string): Promise<AuditDayCount[]> {
  const day = raw(`to_char("at" at time zone ?, 'YYYY-MM-DD')`, [timeZone]);
  const firstDay = raw(`(date_trunc('day', now() at time zone ?) - make_interval(days => ?)) at time zone ?`, [timeZone, days - 1, timeZone]);
  const rows = await em
    .createQueryBuilder(AuditRecord)
    .select([raw(`to_char("at" at time zone ?, 'YYYY-MM-DD') as day`, [timeZone]), 'department', raw(`count(*) filter (where decision <> 'deny') as reads`), raw(`count(*) filter (where decision = 'deny') as denied`)])
    // The same condition em.find takes (auditWhere builds it for both), in the query builder's spelling.
    .where({ $and: [where, { at: { $gte: firstDay } }] } as QBFilterQuery<AuditRecord>)
    .groupBy([day, 'department'])
    .orderBy([{ [day]: 'asc' }, { department: 'asc' }])
    .execute<{ day: string; department: string; reads: string | number; denied: string | number }[]>('all', false);
  return rows.map((row) => Object.assign(new AuditDayCount(), { day: row.day, department: row.department, reads: Number(row.reads), denied: Number(row.denied) }));
}
