import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { graphql, TEST_KEYS_DIR } from '@civic/testkit';
import { eachBackend } from './support/platforms';

const run = promisify(execFile);

describe('npm run token', () => {
  // The contract names `npm run token -- ...`; `-s` is what the README shows, and works with any npm.
  it.each([[['run', 'token']], [['run', '-s', 'token']]])('npm %j prints exactly one signed token on stdout, carrying the asked-for claims', async (command) => {
    const { stdout } = await run('npm', [...command, '--', '--department', 'community', '--role', 'grid-worker', '--jurisdiction', '330101001']);
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    const claims = decodeJwt(lines[0]!);
    expect(claims).toMatchObject({ department: 'community', roles: ['grid-worker'], jurisdiction: '330101001' });
    expect(claims.exp! * 1000).toBeGreaterThan(Date.now());
  });

  it('signs with the development identity provider of KEYS_DIR, whose tokens the platform accepts', async () => {
    const { stdout } = await run('npm', ['run', '-s', 'token', '--', '--department', 'fire', '--expires', '30m'], { env: { ...process.env, KEYS_DIR: TEST_KEYS_DIR } });
    const token = stdout.trim();
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: 'civic-development-identity-provider' });
    const claims = decodeJwt(token);
    expect(claims.exp! - claims.iat!).toBe(30 * 60);
    for (const [, platform] of eachBackend()) {
      const response = await graphql(platform.gatewayUrl, '{ residents(first: 1) { totalCount } }', {}, { token });
      expect({ status: response.status, errors: response.errors }).toEqual({ status: 200, errors: undefined });
    }
  });

  it('makes the development keys on first use, and prints only the token, never a key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'civic-token-keys-'));
    try {
      const { stdout, stderr } = await run('npm', ['run', '-s', 'token', '--', '--department', 'police'], { env: { ...process.env, KEYS_DIR: join(dir, 'keys') } });
      expect(stdout.trim().split('\n')).toHaveLength(1);
      expect(readdirSync(join(dir, 'keys'))).toContain('identity-provider.private.jwk.json');
      expect(stdout + stderr).not.toMatch(/"d"|PRIVATE KEY/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown department with a message on stderr and a non-zero exit', async () => {
    // No token on stdout (npm's json mode, see .npmrc, puts its own error summary there).
    await expect(run('npm', ['run', '-s', 'token', '--', '--department', 'mayor'])).rejects.toMatchObject({
      code: 64,
      stdout: expect.not.stringMatching(/eyJ/),
      stderr: expect.stringContaining('--department must be one of police, fire'),
    });
  });
});
