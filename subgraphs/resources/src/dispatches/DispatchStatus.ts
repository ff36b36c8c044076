import { DISPATCH_STATUSES, type DispatchStatus as DispatchStatusValue } from '../vocabulary.js';
import { graphqlEnum } from '@civic/subgraph-kit';

export const DispatchStatus = graphqlEnum(DISPATCH_STATUSES, 'DispatchStatus', 'Where a dispatch of a team or supplies stands.');

/** Statuses in which the team is still out or the supplies are still committed. */
export const ACTIVE_DISPATCH_STATUSES: readonly DispatchStatusValue[] = ['EN_ROUTE', 'ON_SITE'];
