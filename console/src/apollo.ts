import { ApolloClient, HttpLink, InMemoryCache, from } from '@apollo/client';
import { setContext } from '@apollo/client/link/context';

/**
 * Every request goes to the gateway with the signed-in user's token: the console has no powers of its
 * own. `errorPolicy: 'all'` keeps the data of a partial answer next to its errors, so a FORBIDDEN field
 * shows as refused while the rest of the answer stays on screen.
 */
export function apolloClient(token: string): ApolloClient<object> {
  const auth = setContext((_operation, { headers }) => ({ headers: { ...headers, authorization: `Bearer ${token}` } }));
  return new ApolloClient({
    link: from([auth, new HttpLink({ uri: '/graphql' })]),
    // Policy answers are keyed by nothing stable (decisions, rows): no normalisation, nothing merged.
    devtools: { enabled: false },
    cache: new InMemoryCache({ typePolicies: { Query: { fields: { accessMatrix: { merge: false }, dataCatalogue: { merge: false } } } } }),
    defaultOptions: {
      query: { errorPolicy: 'all', fetchPolicy: 'network-only' },
      watchQuery: { errorPolicy: 'all', fetchPolicy: 'cache-and-network' },
      mutate: { errorPolicy: 'all' },
    },
  });
}
