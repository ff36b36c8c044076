import { Supergraph } from '@apollo/federation-internals';
import { extendSchema, parse, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { FEEDS, FEEDS_SDL, type FeedDefinition } from './feeds.js';
import { resolvePayload, subscribeTo, type FeedPayload, type FeedSettings } from './subscription.js';

type EventPayload = Extract<FeedPayload, { event: unknown }>;

/**
 * The graph's public types (the supergraph's API schema: what the gateway serves) with the feeds on
 * top, so that a subscriber selects an incident's fields exactly as in a query. Only subscriptions
 * are executed here (see operation.ts): queries and mutations go to the gateway.
 */
export function buildLiveSchema(supergraphSdl: string, settings: FeedSettings): GraphQLSchema {
  const api = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
  const schema = extendSchema(api, parse(FEEDS_SDL));
  const subscription = schema.getSubscriptionType()!.getFields();
  for (const feed of FEEDS) {
    const field = subscription[feed.field]!;
    field.subscribe = subscribeTo(settings, feed);
    field.resolve = resolvePayload;
    resolveEventFields(schema.getType(field.type.toString().replace('!', '')) as GraphQLObjectType, feed);
  }
  return schema;
}

/** The event's own fields come from the thin event; the record field from the delivery fetched for it. */
function resolveEventFields(type: GraphQLObjectType, feed: FeedDefinition): void {
  const fields = type.getFields();
  fields.eventId!.resolve = (payload: EventPayload) => String(payload.event.id);
  fields.kind!.resolve = (payload: EventPayload) => payload.event.kind;
  fields[feed.idField]!.resolve = (payload: EventPayload) => payload.event.recordId;
  fields.gridCode!.resolve = (payload: EventPayload) => payload.event.gridCode;
  fields.occurredAt!.resolve = (payload: EventPayload) => payload.event.occurredAt;
  fields[feed.recordField]!.resolve = (payload: EventPayload, _args, _context, info) => payload.fetched[info.path.key as string] ?? null;
}
