import { type HazardStatus } from '../vocabulary.js';
import { ErrorCode, conflict } from '@civic/runtime';
import { type Severity } from '@civic/subgraph-kit';

/** Which status may follow which; CLOSED is final, so a closed hazard that recurs is recorded anew. */
export const HAZARD_TRANSITIONS: Readonly<Record<HazardStatus, readonly HazardStatus[]>> = {
  OPEN: ['RECTIFYING', 'CLOSED'],
  RECTIFYING: ['CLOSED'],
  CLOSED: [],
};

export function assertTransition(hazardId: number, from: HazardStatus, to: HazardStatus): void {
  const allowed = HAZARD_TRANSITIONS[from];
  if (!allowed.includes(to)) {
    throw conflict(ErrorCode.IllegalTransition, `Hazard ${hazardId} cannot go from ${from} to ${to}`, { from, to, allowed });
  }
}

const DAY_MS = 86_400_000;

/** The rectification period when the reporter sets none: the more dangerous, the sooner. */
const DEFAULT_RECTIFICATION_DAYS: Readonly<Record<Severity, number>> = {
  CRITICAL: 3,
  HIGH: 7,
  MEDIUM: 30,
  LOW: 90,
};

export function defaultDeadline(severity: Severity, reportedAt: Date): Date {
  return new Date(reportedAt.getTime() + DEFAULT_RECTIFICATION_DAYS[severity] * DAY_MS);
}

export function isOverdue(hazard: { status: HazardStatus; deadline: Date }, now: Date): boolean {
  return hazard.status !== 'CLOSED' && hazard.deadline.getTime() < now.getTime();
}
