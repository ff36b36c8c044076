import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
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
