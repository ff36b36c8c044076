import { INCIDENT_TRANSITIONS, type IncidentStatus } from '../vocabulary.js';
import { type Severity } from '@civic/subgraph-kit';

const DAY_MS = 86_400_000;

/** Statuses in which nobody owes the incident any more work, so a passed deadline is no longer a failure. */
const SETTLED: readonly IncidentStatus[] = ['RESOLVED', 'CLOSED', 'REJECTED'];

/** The response time a reporter gets when they name no deadline: the more severe, the sooner. */
const DAYS_TO_RESPOND: Record<Severity, number> = { CRITICAL: 1, HIGH: 3, MEDIUM: 7, LOW: 15 };

export function allowedTransitions(from: IncidentStatus): readonly IncidentStatus[] {
  return INCIDENT_TRANSITIONS[from];
}

export function isOverdue(incident: { status: IncidentStatus; deadline: Date }, now: Date): boolean {
  return !SETTLED.includes(incident.status) && incident.deadline.getTime() < now.getTime();
}

export function defaultDeadline(severity: Severity, reportedAt: Date): Date {
  return new Date(reportedAt.getTime() + DAYS_TO_RESPOND[severity] * DAY_MS);
}
