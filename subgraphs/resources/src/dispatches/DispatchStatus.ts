import { DISPATCH_STATUSES, graphqlEnum, type DispatchStatus as DispatchStatusValue } from '@civic/shared';

export const DispatchStatus = graphqlEnum(DISPATCH_STATUSES, 'DispatchStatus', 'Where a dispatch of a team or supplies stands.');

/** Statuses in which the team is still out or the supplies are still committed. */
export const ACTIVE_DISPATCH_STATUSES: readonly DispatchStatusValue[] = ['EN_ROUTE', 'ON_SITE'];
