// Apollo Client 3 has no package `exports` map: from Node's ES modules, import its core entry by file.
// The core entry is also the one without React.
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client/core/index.js';
import type { Config } from './config.js';

export function apolloClient(config: Config): ApolloClient<object> {
  return new ApolloClient({
    // Node 22+ has a global fetch, which HttpLink uses.
    link: new HttpLink({ uri: config.graphqlUrl.href, headers: config.headers }),
    cache: new InMemoryCache(),
    defaultOptions: {
      query: {
        // The graph answers field by field: a field the caller's department may not read comes back null
        // with a FORBIDDEN error at its path, next to everything else. The default policy ('none') would
        // throw the whole answer away for that one field; 'all' keeps the data and hands over the errors.
        errorPolicy: 'all',
        // A command-line run reads each page once: nothing to gain from a cache, and no stale pages.
        fetchPolicy: 'no-cache',
      },
    },
  });
}
