import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The Grafbase CLI's static Linux binary, from the `grafbase` package's optional platform dependency.
 * npm 11 does not run grafbase's postinstall (it would only copy this file into place), so the
 * benchmark runs it where npm put it.
 */
const GRAFBASE_BINARY = 'node_modules/@grafbase/cli-x86_64-unknown-linux-musl/grafbase';

/** Every package of the anchors: an install from before one of them was pinned is completed. */
const ANCHOR_PACKAGES = ['@graphql-hive/gateway', '@graphql-hive/router-runtime', 'grafbase', 'jose'];

/**
 * The gateways we compare with are heavy (about 630 MB with Hive Gateway and the Grafbase binary), so they are not part of the
 * workspace install: the first benchmark run that needs them installs tools/bench/anchors from its
 * lockfile (npm ci). Later runs reuse it; an install from before the Grafbase pin is completed.
 * Returns the anchors directory.
 */
export function installAnchors(root: string): string {
  const dir = join(root, 'tools/bench/anchors');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (ANCHOR_PACKAGES.every((name) => existsSync(join(dir, 'node_modules', name, 'package.json')))) return dir;
  process.stderr.write('bench: installing the comparison gateways (tools/bench/anchors, npm ci; once)\n');
  try {
    execFileSync(npm, ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'inherit', 'pipe'] });
  } catch (error) {
    // npm ci prints its whole usage after the reason; the reason is enough.
    const reason = String((error as { stderr?: Buffer }).stderr ?? '').split('\n').filter((line) => /Missing:|in sync|npm error code/.test(line));
    process.stderr.write(`${reason.join('\n')}\n`);
    // npm ci refuses a lockfile without an entry for each of grafbase's optional platform packages
    // when the registry it was locked against lacked some of them (npm/cli#9846: "Missing:
    // @grafbase/cli-aarch64-apple-darwin@ from lock file"). npm install still installs exactly the
    // locked versions and leaves package.json and the lockfile as they are.
    process.stderr.write('bench: npm ci refused the anchors lockfile; installing the same locked versions with npm install --no-save\n');
    execFileSync(npm, ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  }
  return dir;
}

/** installAnchors, then compiles the anchors' own sources (Hive Gateway's server): returns their dist directory. */
export function ensureAnchorsInstalled(root: string): string {
  const dir = installAnchors(root);
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  return join(dir, 'dist');
}

/** The path of the Grafbase binary; call after installAnchors. Only Linux x64 has one pinned. */
export function grafbaseBinary(root: string): string {
  const binary = join(root, 'tools/bench/anchors', GRAFBASE_BINARY);
  if (process.platform !== 'linux' || process.arch !== 'x64' || !existsSync(binary)) {
    throw new Error(
      `the Grafbase anchor needs ${binary} (Linux x64 only; npm installs it with tools/bench/anchors). Leave grafbase out of --compare on ${process.platform}-${process.arch}.`,
    );
  }
  return binary;
}
