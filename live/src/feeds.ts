/**
 * The feeds: which events each serves, which root query of the graph fetches the record as the
 * subscriber, and the filters a subscriber may set. A filter on the grid runs on the thin event (no
 * fetch for events elsewhere); the others run on fields fetched with the delivery.
 */
export interface FeedDefinition {
  /** The Subscription field. */
  field: string;
  /** The owning subgraph, the only one whose events this feed takes. */
  source: string;
  /** Event kinds start with this, e.g. `incident.`. */
  kindPrefix: string;
  /** The graph's root query for one record, e.g. `incident(id: ID!)`. */
  rootQuery: string;
  /** The event type's field holding the record, and the one holding its id. */
  recordField: string;
  idField: string;
  /** Fields fetched besides the subscriber's selection, for the filters below (aliased, never delivered). */
  filterFields: Record<string, string>;
  /** Whether the fetched filter fields pass the subscriber's filter. */
  passes: (filter: Record<string, unknown>, fetched: Record<string, unknown>) => boolean;
}

const SEVERITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

const inList = (list: unknown, value: unknown) => !Array.isArray(list) || list.length === 0 || list.includes(value);

/** A stock alert's defaults when the subscriber sets none (also in the SDL below). */
export const STOCK_ALERT_DEFAULTS = { below: 10, expiringWithinDays: 7 };

/** The day `days` after today (UTC, as the resources subgraph judges expiry), YYYY-MM-DD. */
const dayAfter = (days: number, now = new Date()) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** Stock is worth an alert when it is under the subscriber's threshold or expires within their window. */
export function stockNeedsAlert(filter: Record<string, unknown>, quantity: unknown, expiresAt: unknown, now = new Date()): boolean {
  const below = typeof filter.below === 'number' ? filter.below : STOCK_ALERT_DEFAULTS.below;
  const days = typeof filter.expiringWithinDays === 'number' ? filter.expiringWithinDays : STOCK_ALERT_DEFAULTS.expiringWithinDays;
  return (typeof quantity === 'number' && quantity < below) || (typeof expiresAt === 'string' && expiresAt <= dayAfter(days, now));
}

export const FEEDS: FeedDefinition[] = [
  {
    field: 'incidentFeed',
    source: 'incidents',
    kindPrefix: 'incident.',
    rootQuery: 'incident',
    recordField: 'incident',
    idField: 'incidentId',
    filterFields: { liveFilterCategory: 'category', liveFilterSeverity: 'severity' },
    passes: (filter, fetched) =>
      inList(filter.categories, fetched.liveFilterCategory) &&
      (typeof filter.minSeverity !== 'string' || SEVERITIES.indexOf(String(fetched.liveFilterSeverity)) >= SEVERITIES.indexOf(filter.minSeverity)),
  },
  {
    field: 'dispatchFeed',
    source: 'resources',
    kindPrefix: 'dispatch.',
    rootQuery: 'dispatch',
    recordField: 'dispatch',
    idField: 'dispatchId',
    filterFields: { liveFilterStatus: 'status' },
    passes: (filter, fetched) => inList(filter.statuses, fetched.liveFilterStatus),
  },
  {
    field: 'stockAlerts',
    source: 'resources',
    kindPrefix: 'stock.',
    rootQuery: 'stockItem',
    recordField: 'stockItem',
    idField: 'stockItemId',
    filterFields: { liveFilterQuantity: 'quantity', liveFilterExpiresAt: 'expiresAt' },
    passes: (filter, fetched) => stockNeedsAlert(filter, fetched.liveFilterQuantity, fetched.liveFilterExpiresAt),
  },
  {
    // The access service decides who may see a grant (its holder's and its owners' data officers): grant(id) answers NOT_FOUND to anyone else.
    field: 'grantExpiring',
    source: 'access',
    kindPrefix: 'grant.',
    rootQuery: 'grant',
    recordField: 'grant',
    idField: 'grantId',
    filterFields: {},
    passes: () => true,
  },
];

/** The subgraph allowed to report events of a kind; any other kind, or another sender, is refused. */
export function sourceOfKind(kind: string): string | undefined {
  return FEEDS.find((feed) => kind.startsWith(feed.kindPrefix))?.source;
}

export const FEEDS_SDL = /* GraphQL */ `
  input IncidentFeedFilter {
    "Only incidents in grids whose code starts with this (a district, street, community or grid)."
    gridCodePrefix: String
    categories: [RiskType!]
    minSeverity: Severity
  }

  input DispatchFeedFilter {
    gridCodePrefix: String
    statuses: [DispatchStatus!]
  }

  input StockAlertFilter {
    gridCodePrefix: String
    "Alert when the quantity left is under this (default 10)."
    below: Int
    "Alert when the stock's last usable day is within this many days, or past (default 7)."
    expiringWithinDays: Int
  }

  "Stock changed (a dispatch took or returned some) or came near its expiry day, and needs attention under the subscriber's filter. Delivered only when the subscriber may see the stock."
  type StockAlertEvent {
    eventId: ID!
    "stock.changed or stock.expiring."
    kind: String!
    stockItemId: ID!
    gridCode: String!
    occurredAt: String!
    stockItem: StockItem
  }

  input GrantExpiringFilter {
    "Only grants whose scope starts with this (a grant for the whole city has an empty scope)."
    gridCodePrefix: String
  }

  "A grant your department holds or has given ends soon (GRANT_EXPIRY_ALERT_HOURS, 24 by default): ask again, or let it lapse. Data officers only."
  type GrantExpiringEvent {
    eventId: ID!
    "grant.expiring."
    kind: String!
    grantId: ID!
    "The grant's scope."
    gridCode: String!
    occurredAt: String!
    grant: AccessGrant
  }

  "Something happened to an incident. Delivered only when the subscriber may see the incident, which is fetched through the graph as the subscriber."
  type IncidentEvent {
    "Grows by one per event of this service; pass the last one received as since to resume."
    eventId: ID!
    "incident.reported or incident.transitioned."
    kind: String!
    incidentId: ID!
    gridCode: String!
    occurredAt: String!
    incident: Incident
  }

  type DispatchEvent {
    eventId: ID!
    "dispatch.created, dispatch.returned or dispatch.cancelled."
    kind: String!
    dispatchId: ID!
    gridCode: String!
    occurredAt: String!
    dispatch: Dispatch
  }

  type Subscription {
    "New and changed incidents. since: the last eventId received; what came after it (within the retention window) is delivered first."
    incidentFeed(filter: IncidentFeedFilter, since: ID): IncidentEvent!
    "New, returned and cancelled dispatches."
    dispatchFeed(filter: DispatchFeedFilter, since: ID): DispatchEvent!
    "Stock under a threshold or near its expiry day."
    stockAlerts(filter: StockAlertFilter, since: ID): StockAlertEvent!
    "Grants your department holds or has given that end soon, once each."
    grantExpiring(filter: GrantExpiringFilter, since: ID): GrantExpiringEvent!
  }

  extend schema {
    subscription: Subscription
  }
`;
