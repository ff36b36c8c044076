import { PGlite } from '@electric-sql/pglite';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/**
 * A fresh PGlite directory costs an initdb: about 5 s of CPU in WebAssembly, five times over for a
 * platform's first start. A cluster made once (by `npm run build`) and copied is the same empty
 * cluster in a tenth of a second. It is kept beside this package, one per PGlite version (a cluster
 * is only good for the PostgreSQL build that made it), never under DATA_DIR: it holds no one's data.
 */
function pgliteVersion(): string {
  let directory = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(directory, 'package.json')) || JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')).name !== '@electric-sql/pglite') {
    directory = dirname(directory);
  }
  return JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')).version as string;
}

let templateDir: string | undefined;
export function pgliteTemplateDir(): string {
  // Found through the package, not this module's own URL: in a service's bundle, that is the bundle's.
  templateDir ??= resolve(createRequire(import.meta.url).resolve('@civic/runtime'), '../../pglite-template', `pglite-${pgliteVersion()}`);
  return templateDir;
}

/** Makes the template cluster unless it is there: initdb in a directory of its own, then renamed into place (so a template, once there, is whole). */
export async function preparePgliteTemplate(): Promise<'made' | 'present'> {
  const template = pgliteTemplateDir();
  if (existsSync(template)) return 'present';
  const building = `${template}.${process.pid}.building`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(dirname(building), { recursive: true });
  const cluster = new PGlite(building);
  await cluster.waitReady;
  await cluster.close();
  try {
    renameSync(building, template);
  } catch (error) {
    // Another build made it meanwhile: theirs is as good.
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(template)) throw error;
  }
  return 'made';
}

/**
 * Gives an empty or missing PGlite directory a copy of a cluster (the empty template by default), whole
 * or not at all: copied beside it, then renamed into place. The caller holds the directory's lock.
 * Without a template (a checkout not built), PGlite makes the cluster itself, as it always did.
 */
export function initialiseFromTemplate(dataDir: string, template = pgliteTemplateDir()): boolean {
  const empty = !existsSync(dataDir) || readdirSync(dataDir).length === 0;
  if (!empty || !existsSync(template)) return false;
  const copying = `${dataDir}.initialising`;
  rmSync(copying, { recursive: true, force: true });
  cpSync(template, copying, { recursive: true });
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(copying, dataDir);
  return true;
}
