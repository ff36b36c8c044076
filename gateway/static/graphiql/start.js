// Starts GraphiQL (window.GraphiQL, on window.React and window.ReactDOM, all served by the gateway).
// The token lives in this page's memory only: a reload asks for it again. Headers typed in GraphiQL's
// headers editor (x-access-purpose, or another Authorization) go with every request and win.
'use strict';

(function start() {
  var tokenInput = document.getElementById('civic-token-input');
  var tokenState = document.getElementById('civic-token-state');
  var root = ReactDOM.createRoot(document.getElementById('graphiql'));

  var exampleQuery = [
    '# Paste a token above (npm run -s token -- --department police), then run this query.',
    '# Headers such as x-access-purpose go in the Headers tab below.',
    'query Residents {',
    '  residents(first: 5) {',
    '    totalCount',
    '    edges { node { id name gridCode idNumber phone } }',
    '  }',
    '}',
    '',
  ].join('\n');

  function fetcherWith(token) {
    return function fetcher(params, options) {
      var headers = new Headers({ 'content-type': 'application/json', accept: 'application/json' });
      if (token) headers.set('authorization', 'Bearer ' + token);
      var typed = (options && options.headers) || {};
      Object.keys(typed).forEach(function (name) {
        headers.set(name, String(typed[name]));
      });
      return fetch('/graphql', { method: 'POST', headers: headers, body: JSON.stringify(params) }).then(function (response) {
        return response.json();
      });
    };
  }

  // A new fetcher makes GraphiQL load the schema again, now with the token; without one it loads none
  // (schema null), since the gateway would refuse the introspection anyway.
  function render(token) {
    root.render(
      React.createElement(GraphiQL, {
        fetcher: fetcherWith(token),
        schema: token ? undefined : null,
        defaultQuery: exampleQuery,
        defaultEditorToolsVisibility: 'headers',
        shouldPersistHeaders: false,
      }),
    );
  }

  function useToken() {
    var token = tokenInput.value.trim().replace(/^Bearer\s+/i, '');
    tokenState.textContent = token ? 'token set' : 'no token: queries get 401';
    render(token);
  }

  tokenInput.addEventListener('change', useToken);
  render('');
})();
