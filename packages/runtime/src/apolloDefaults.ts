import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { FormattedExecutionResult } from 'graphql';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';

/**
 * Apollo Server's features that serve Apollo's cloud, off in every service: the landing page (a page
 * loaded from Apollo's CDN and Google Fonts, useless on a city intranet; the gateway serves its own IDE),
 * usage and schema reporting (nothing leaves the city, even if an APOLLO_KEY appears in the environment),
 * inline traces and cache hints (for Apollo Studio and CDNs; both hook every resolver).
 */
export function apolloCloudDisabled(): ApolloServerPlugin<BaseContext>[] {
  return [
    ApolloServerPluginLandingPageDisabled(),
    ApolloServerPluginUsageReportingDisabled(),
    ApolloServerPluginSchemaReportingDisabled(),
    ApolloServerPluginInlineTraceDisabled(),
    ApolloServerPluginCacheControlDisabled(),
  ];
}

/**
 * Answers as compact JSON. Apollo Server pretty-prints every answer by default (two-space indents): for
 * the deep query that is 4% of the gateway's CPU in stringifying alone, more bytes to write, and, between
 * a subgraph and the gateway, more bytes to parse. Machines read these answers; people read them in an IDE
 * that formats them anyway.
 */
export const compactAnswers = (value: FormattedExecutionResult): string => JSON.stringify(value);
