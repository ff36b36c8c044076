import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';

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

  it('refuses an unknown department with a message on stderr and a non-zero exit', async () => {
    // No token on stdout (npm's json mode, see .npmrc, puts its own error summary there).
    await expect(run('npm', ['run', '-s', 'token', '--', '--department', 'mayor'])).rejects.toMatchObject({
      code: 64,
      stdout: expect.not.stringMatching(/eyJ/),
      stderr: expect.stringContaining('--department must be one of police, fire'),
    });
  });
});
