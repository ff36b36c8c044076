import type { ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pageContentSecurityPolicy, type ExtraRoute } from '@civic/runtime';

/**
 * A GraphQL IDE served by the gateway itself, from installed packages: GraphiQL 4's browser bundle and
 * CSS (the last major that ships one; GraphiQL 5 needs a bundler and web workers) on React 18's UMD
 * builds (React 19 ships none), plus our start script. Nothing is fetched from another host, so it
 * works on a network without internet; GraphiQL sends no telemetry. The page holds no data: every
 * query goes to /graphql with the token the user pastes, and without one gets the usual 401.
 */
export const IDE_PATH = '/graphiql';

const require = createRequire(import.meta.url);
const packageFile = (name: string, file: string) => join(dirname(require.resolve(`${name}/package.json`)), file);
// Through the package, not this module's own URL: in the gateway's bundle, that is the bundle's.
const ownFile = (file: string) => join(dirname(require.resolve('@civic/gateway')), '../static/graphiql', file);

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** The page's assets, by name under /graphiql/: [file, content type]. */
const ASSETS: Record<string, [string, string]> = {
  'react.js': [packageFile('react', 'umd/react.production.min.js'), JAVASCRIPT],
  'react-dom.js': [packageFile('react-dom', 'umd/react-dom.production.min.js'), JAVASCRIPT],
  'graphiql.js': [packageFile('graphiql', 'graphiql.min.js'), JAVASCRIPT],
  'graphiql.css': [packageFile('graphiql', 'graphiql.min.css'), CSS],
  'start.js': [ownFile('start.js'), JAVASCRIPT],
  'ide.css': [ownFile('ide.css'), CSS],
};

/**
 * What the page may load, found by running it in Chromium: scripts and styles from the gateway only
 * (no inline script), GraphiQL's fonts and icons as data: URLs inside its CSS, requests to the gateway.
 */
const pagePolicy = pageContentSecurityPolicy({
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ['data:'],
  'connect-src': ["'self'"],
});

function send(res: ServerResponse, body: Buffer, type: string): void {
  res.writeHead(200, { 'content-type': type, 'content-length': body.length });
  res.end(body);
}

/** The IDE's routes, files read once at start-up (about 1.6 MB). */
export function ideRoutes(): Record<string, ExtraRoute> {
  const page = readFileSync(ownFile('index.html'));
  const routes: Record<string, ExtraRoute> = {
    [IDE_PATH]: (req, res) => {
      pagePolicy(req, res);
      send(res, page, 'text/html; charset=utf-8');
    },
  };
  for (const [name, [file, type]] of Object.entries(ASSETS)) {
    const body = readFileSync(file);
    routes[`${IDE_PATH}/${name}`] = (_req, res) => {
      // Code, not data: a browser may keep it for an hour (answers stay no-store).
      res.setHeader('cache-control', 'public, max-age=3600');
      send(res, body, type);
    };
  }
  return routes;
}
