/** What every answer of every service must carry (see packages/runtime/src/httpEdge.ts for why each). */
export function expectAnswerHeaders(response: Response, what: string): void {
  const headers = {
    what,
    'cache-control': response.headers.get('cache-control'),
    'x-content-type-options': response.headers.get('x-content-type-options'),
    'referrer-policy': response.headers.get('referrer-policy'),
    'x-frame-options': response.headers.get('x-frame-options'),
  };
  expect(headers).toEqual({ what, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' });
  expect([what, directivesOf(response)]).toEqual([
    what,
    { 'default-src': ["'none'"], 'frame-ancestors': ["'none'"], 'base-uri': ["'none'"], 'form-action': ["'none'"] },
  ]);
}

/** The Content-Security-Policy header as directive name to its sources. */
export function directivesOf(response: Response): Record<string, string[]> {
  const header = response.headers.get('content-security-policy') ?? '';
  return Object.fromEntries(
    header
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** Hosts of Apollo's landing page, Google Fonts and the usual JavaScript CDNs: nothing we serve may point a browser there. */
export const OUTSIDE_HOSTS = /apollographql\.com|apollo\.dev|googleapis\.com|gstatic\.com|jsdelivr\.net|unpkg\.com|cdnjs\.|esm\.sh|cdn\./i;
