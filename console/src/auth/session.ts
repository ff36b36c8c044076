/**
 * The signed-in user's token, kept in this tab only (sessionStorage): the console has no powers of its
 * own, every request carries this token to the gateway, which verifies it. The claims are read here
 * only to show who is signed in and to fill the screens' defaults, never to decide anything.
 */
export interface Claims {
  sub: string;
  department: string;
  roles: string[];
  jurisdiction?: string;
  exp: number;
}

export interface Session {
  token: string;
  claims: Claims;
}

const TOKEN_KEY = 'civic-console-token';

function decodePayload(token: string): Claims {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Claims;
}

export function sessionOf(token: string): Session | undefined {
  try {
    const claims = decodePayload(token);
    return claims.exp * 1000 > Date.now() ? { token, claims } : undefined;
  } catch {
    return undefined;
  }
}

export function savedSession(): Session | undefined {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? sessionOf(token) : undefined;
}

export function saveToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}
