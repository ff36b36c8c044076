/**
 * Run by `npm run build`: makes the empty PGlite cluster that new embedded databases are copied from
 * (packages/runtime/src/pgliteTemplate.ts), once per PGlite version; nothing to do when it is there.
 */
import { pgliteTemplateDir, preparePgliteTemplate } from '@civic/runtime';

const started = Date.now();
const outcome = await preparePgliteTemplate();
if (outcome === 'made') process.stdout.write(`made the PGlite template cluster ${pgliteTemplateDir()} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
