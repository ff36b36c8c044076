import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pageContentSecurityPolicy, sendJson, type ExtraRoute, type Logger, type UserTokenSettings } from '@civic/runtime';
import { DEVELOPMENT_CHOICES, developmentSignInAvailable, developmentTokenRoute } from './devToken.js';
import { readConsoleBuild, type ConsoleFile } from './files.js';

export const CONSOLE_PATH = '/console';

/** The city's identity provider, for the console's OpenID Connect sign-in (authorization code + PKCE). */
export interface ConsoleOidcSettings {
  issuer: string;
  clientId: string;
  scope: string;
}

export interface ConsoleSettings {
  /** Where the built console is (console/dist by default). */
  dir: string;
  oidc: ConsoleOidcSettings | undefined;
}

/** The placeholder console/index.html carries for the per-load style nonce. */
const NONCE_PLACEHOLDER = '__CSP_NONCE__';
const HTML = 'text/html; charset=utf-8';

/**
 * What the console's page may load, found by running it in Chromium: its own hashed script (no inline
 * script), Ant Design's run-time <style> elements only with this load's nonce, images as data: URLs,
 * requests to the gateway and, when configured, to the identity provider (discovery and token calls).
 */
function pagePolicy(nonce: string, oidc: ConsoleOidcSettings | undefined) {
  return pageContentSecurityPolicy({
    'script-src': ["'self'"],
    'style-src': ["'self'", `'nonce-${nonce}'`],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...(oidc ? [new URL(oidc.issuer).origin] : [])],
  });
}

function send(res: ServerResponse, status: number, body: Buffer | string, type: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const notBuiltPage = (dir: string) =>
  `<!doctype html><meta charset="utf-8"><title>Console not built</title><h1>The console is not built</h1><p>No build was found in <code>${dir.replace(/[<>&"]/g, '')}</code> (CONSOLE_DIR). Run <code>npm run build</code>, then restart the gateway.</p>`;

function notFound(res: ServerResponse, path: string): void {
  sendJson(res, 404, { error: `No route ${path}` });
}

function decodedOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** index.html with a fresh nonce for Ant Design's styles, under a policy naming that nonce. */
function pageRoute(index: ConsoleFile, oidc: ConsoleOidcSettings | undefined): ExtraRoute {
  const template = index.body.toString('utf8');
  return (req, res) => {
    const nonce = randomBytes(16).toString('base64');
    pagePolicy(nonce, oidc)(req, res);
    send(res, 200, template.replaceAll(NONCE_PLACEHOLDER, nonce), HTML);
  };
}

/**
 * Files of the build by path; any other path without a file extension is a screen of the single-page
 * app and gets the page (its router reads the path). A missing file with an extension is a 404.
 */
function filesRoute(files: Map<string, ConsoleFile>, page: ExtraRoute): ExtraRoute {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const name = decodedOrUndefined(path.slice(CONSOLE_PATH.length + 1));
    if (name === undefined) return notFound(res, path);
    const file = name === 'index.html' ? undefined : files.get(name);
    if (file) {
      if (file.immutable) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      return send(res, 200, file.body, file.type);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return notFound(res, path);
    if (/\.[a-z0-9]+$/i.test(name)) return notFound(res, path);
    return page(req, res);
  };
}

export interface ConsoleRoutes {
  exact: Record<string, ExtraRoute>;
  /** Everything under /console/ that no exact route answers. */
  prefix: Record<string, ExtraRoute>;
}

/**
 * The web console for data officers and duty desks: static files built by Vite (console/dist), how to
 * sign in (/console/config.json) and, in development only, a token for a department picked on screen
 * (/console/dev-token). A missing build is logged and answered with a page saying so, not a crash.
 */
export async function consoleRoutes(settings: ConsoleSettings, developmentKeysDir: string | undefined, userTokens: UserTokenSettings, logger: Logger): Promise<ConsoleRoutes> {
  const files = readConsoleBuild(settings.dir);
  const development = developmentSignInAvailable(developmentKeysDir, userTokens);
  const config = {
    development: development ? DEVELOPMENT_CHOICES : null,
    oidc: settings.oidc ? { authority: settings.oidc.issuer, clientId: settings.oidc.clientId, scope: settings.oidc.scope } : null,
  };
  const devToken: ExtraRoute = development ? await developmentTokenRoute(developmentKeysDir, userTokens) : (req, res) => notFound(res, (req.url ?? '').split('?')[0]!);
  const configRoute: ExtraRoute = (_req, res) => sendJson(res, 200, config);
  if (!files) {
    logger.warn({ dir: settings.dir }, 'console: no build found (run npm run build); /console answers 404');
    const missing: ExtraRoute = (_req: IncomingMessage, res: ServerResponse) => send(res, 404, notBuiltPage(settings.dir), HTML);
    return { exact: { [CONSOLE_PATH]: missing, [`${CONSOLE_PATH}/config.json`]: configRoute, [`${CONSOLE_PATH}/dev-token`]: devToken }, prefix: { [CONSOLE_PATH]: missing } };
  }
  const page = pageRoute(files.get('index.html')!, settings.oidc);
  return {
    exact: { [CONSOLE_PATH]: page, [`${CONSOLE_PATH}/config.json`]: configRoute, [`${CONSOLE_PATH}/dev-token`]: devToken },
    prefix: { [CONSOLE_PATH]: filesRoute(files, page) },
  };
}
