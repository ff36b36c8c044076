import cors from 'cors';
import helmet, { contentSecurityPolicy } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * What every response carries before any route runs, and who may call from another origin. Services
 * answer JSON to programs, so the default is the strictest browser policy: nothing may load, frame,
 * cache or sniff an answer. A page (the gateway's GraphQL IDE) widens the content security policy for
 * itself with `pageContentSecurityPolicy`.
 */
export type EdgeHandler = (req: IncomingMessage, res: ServerResponse) => void;

type Directives = Record<string, string[]>;

/** Never relaxed, not even by a page: no framing (clickjacking), no <base> rewriting, no form posts elsewhere. */
const ALWAYS: Directives = { 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"] };

const answerHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { 'default-src': ["'none'"], ...ALWAYS } },
  referrerPolicy: { policy: 'no-referrer' },
  xFrameOptions: { action: 'deny' },
  // Plain HTTP here; TLS ends at the city's reverse proxy, which sets HSTS for the host name it owns.
  strictTransportSecurity: false,
});

const ignoreNext = () => undefined;

/** Security headers on every response; routes may replace them (a page's CSP, a static asset's cache time). */
export const setSecurityHeaders: EdgeHandler = (req, res) => {
  answerHeaders(req, res, ignoreNext);
  // Answers hold personal data: no browser, proxy or CDN may keep a copy.
  res.setHeader('cache-control', 'no-store');
};

/** The content security policy of a page: `default-src 'none'` plus what the page names, and the fixed directives above. */
export function pageContentSecurityPolicy(directives: Directives): EdgeHandler {
  const middleware = contentSecurityPolicy({ useDefaults: false, directives: { 'default-src': ["'none'"], ...directives, ...ALWAYS } });
  return (req, res) => middleware(req, res, ignoreNext);
}

/** The request headers a browser app may send: the token, JSON, the stated purpose, and Apollo's CSRF header. */
export const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', 'x-access-purpose', 'apollo-require-preflight'] as const;
/** Seconds a browser may reuse a preflight answer (Chromium caps it at 7200). */
export const CORS_MAX_AGE_SECONDS = 600;

/**
 * Cross-origin access for the origins listed, exactly (scheme, host and port). An allowed origin's
 * preflight is answered 204 with the allow headers, and its requests get `Access-Control-Allow-Origin`
 * (with `Vary: Origin`). Any other preflight gets 403 and no CORS header, so the browser stops there and
 * the refusal is visible in its network panel. Answers to other origins' simple requests carry no
 * allow header, so their script cannot read them; Apollo's CSRF prevention keeps such requests from
 * running an operation at all. Tokens travel in `Authorization`, never in cookies: no credentials mode.
 *
 * Returns true when it has answered the request (a preflight), false when the route should answer.
 */
export function corsGate(origins: readonly string[]): (req: IncomingMessage, res: ServerResponse) => boolean {
  const allowed = new Set(origins);
  const middleware = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
    methods: ['GET', 'POST'],
    allowedHeaders: [...CORS_ALLOWED_HEADERS],
    maxAge: CORS_MAX_AGE_SECONDS,
    optionsSuccessStatus: 204,
  });
  return (req, res) => {
    // cors decides synchronously here (the origin callback above is synchronous) and ends an allowed preflight itself.
    middleware(req, res, ignoreNext);
    if (res.writableEnded) return true;
    if (req.method !== 'OPTIONS') return false;
    const text = JSON.stringify({ error: `Origin ${req.headers.origin ?? '(none)'} may not call this service from a browser` });
    res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
    return true;
  };
}
