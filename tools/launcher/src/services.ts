import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LauncherError } from './errors.js';
import type { ServiceName } from './ports.js';

/** Where a service's package is, from the repository root. */
export const serviceDir = (service: ServiceName): string => (service === 'gateway' || service === 'live' ? service : `subgraphs/${service}`);

/** tsc's output: the entry point as compiled, one module per source file. */
export const compiledEntry = (service: ServiceName): string => `${serviceDir(service)}/dist/main.js`;

/**
 * What runs: the compiled entry with everything it imports in one file (`npm run build`, see
 * tools/scripts/src/bundle.ts). Loading some 1,500 modules one by one cost each service 0.4-0.5 s of
 * CPU in resolving and reading them, seven services at every start.
 */
export const bundledEntry = (service: ServiceName): string => `${serviceDir(service)}/dist/bundle/main.js`;

/** Beside each bundle: the files it was made from that can change without `npm ci` rebuilding it (see bundle.ts). */
export const bundleInputs = (service: ServiceName): string => `${serviceDir(service)}/dist/bundle/inputs.json`;

/** Why a service's bundle cannot run as it is: missing, or older than a file it was made from; undefined when it is fresh. */
export function bundleOutdated(root: string, service: ServiceName): string | undefined {
  const bundle = join(root, bundledEntry(service));
  const inputsFile = join(root, bundleInputs(service));
  if (!existsSync(bundle) || !existsSync(inputsFile)) return `${bundledEntry(service)} is missing`;
  const builtAt = statSync(bundle).mtimeMs;
  const inputs = JSON.parse(readFileSync(inputsFile, 'utf8')) as string[];
  const newer = inputs.find((input) => !existsSync(join(root, input)) || statSync(join(root, input)).mtimeMs > builtAt);
  return newer && `${newer} changed after its bundle ${bundledEntry(service)} was made`;
}

/**
 * A bundle older than a file it was made from runs yesterday's code: refused, with what to run,
 * rather than started (a `tsc -b` alone recompiles without bundling).
 */
export function assertBundleFresh(root: string, service: ServiceName): void {
  const outdated = bundleOutdated(root, service);
  if (outdated) throw new LauncherError('NOT_BUILT', `${service}: ${outdated}; run npm run build`);
}
