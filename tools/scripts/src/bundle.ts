/**
 * Run by `npm run build`, after tsc: bundles each service's compiled entry with everything it imports
 * into `<service>/dist/bundle/main.js` (esbuild), which is what `npm start`, the tests, the benchmarks
 * and the image run. Measured at a platform's start: a service spent 0.75-0.87 s of CPU before its own
 * code ran, 0.3-0.4 s bundled; most of the difference was resolving, stat-ing and reading modules.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';
import { SUBGRAPH_NAMES, type ServiceName } from '@civic/launcher/ports';
import { bundledEntry, bundleInputs, bundleOutdated, compiledEntry } from '@civic/launcher/services';

const SERVICES: ServiceName[] = ['gateway', 'live', ...SUBGRAPH_NAMES];

/**
 * Left to node_modules: PGlite finds its WebAssembly and data files beside its own module; the others
 * are optional native speed-ups that their users try to load and do without.
 */
const EXTERNAL = ['@electric-sql/pglite', 'pg-native', 'bufferutil', 'utf-8-validate'];

/**
 * CommonJS dependencies inside an ES module bundle still call `require` (for Node's own modules), and
 * read `__dirname`/`__filename`; these are the bundle's own. The only files looked for beside them are
 * pino's transport workers, which no service uses (pino-pretty runs as a stream in the process).
 */
const COMMONJS_GLOBALS = [
  "import { createRequire as __bundleRequire } from 'node:module';",
  "import { dirname as __bundleDirname } from 'node:path';",
  "import { fileURLToPath as __bundlePath } from 'node:url';",
  'const require = __bundleRequire(import.meta.url);',
  'const __filename = __bundlePath(import.meta.url);',
  'const __dirname = __bundleDirname(__filename);',
].join('\n');

async function bundle(service: ServiceName): Promise<void> {
  const result = await build({
    entryPoints: [compiledEntry(service)],
    outfile: bundledEntry(service),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: EXTERNAL,
    banner: { js: COMMONJS_GLOBALS },
    // Class names are data here: GraphQL type names (type-graphql) and entity names (MikroORM) come from them.
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
  });
  const ours = Object.keys(result.metafile.inputs).filter((input) => !input.includes('node_modules/'));
  writeFileSync(bundleInputs(service), `${JSON.stringify([...ours.map((input) => relative('.', input)), ...DEPENDENCY_FILES])}\n`);
}

/**
 * What says the dependencies changed: the lockfile (a pull, an install) and the patches applied to
 * node_modules. The repository's own files come from the bundle's metafile.
 */
const DEPENDENCY_FILES = ['package-lock.json', ...readdirSync('patches').map((patch) => join('patches', patch))];

// `npm start` builds first: a bundle still newer than everything it was made from is not made again.
const outdated = SERVICES.filter((service) => bundleOutdated('.', service));
const started = Date.now();
await Promise.all(outdated.map(bundle));
if (outdated.length) process.stdout.write(`bundled ${outdated.join(', ')} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
