import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The gateways we compare with are heavy (Hive Gateway's tree is about 510 MB), so they are not part of the
 * workspace install: the first benchmark run that needs them installs tools/bench/anchors from its
 * lockfile (npm ci) and compiles it. Later runs reuse it.
 */
export function ensureAnchorsInstalled(root: string): string {
  const dir = join(root, 'tools/bench/anchors');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (!existsSync(join(dir, 'node_modules/@graphql-hive/gateway'))) {
    process.stderr.write('bench: installing the comparison gateways (tools/bench/anchors, npm ci; once)\n');
    execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  return join(dir, 'dist');
}
