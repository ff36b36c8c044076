import { graphqlEnum } from '@civic/subgraph-kit';

export const DUTY_SHIFTS = ['DAY', 'NIGHT'] as const;
export type DutyShiftValue = (typeof DUTY_SHIFTS)[number];

export const DutyShift = graphqlEnum(DUTY_SHIFTS, 'DutyShift', 'Half of a 24-hour duty day.');
