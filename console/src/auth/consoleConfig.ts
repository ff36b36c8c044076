/** How this deployment signs users in, as the gateway serves it at /console/config.json. */
export interface ConsoleConfig {
  /** Present only when the gateway runs on the development key set, outside production. */
  development: { departments: string[]; roles: string[] } | null;
  /** The city's identity provider (OpenID Connect, authorization code flow with PKCE). */
  oidc: { authority: string; clientId: string; scope: string } | null;
}

export async function loadConsoleConfig(): Promise<ConsoleConfig> {
  const response = await fetch('/console/config.json', { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`/console/config.json answered ${response.status}`);
  return (await response.json()) as ConsoleConfig;
}

/** Asks the gateway's development identity provider for a token; the gateway refuses outside development. */
export async function developmentToken(request: { department: string; role: string; jurisdiction?: string }): Promise<string> {
  const response = await fetch('/console/dev-token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(request),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || !body.token) throw new Error(body.error ?? `the gateway answered ${response.status}`);
  return body.token;
}
