import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * Nothing a service loads may load a tool: the demo city, launcher, test kit, scripts and bench
 * stay out of production. Checked on the source (every import, re-export and dynamic import, as
 * TypeScript reads them) and on the package manifests.
 */
const root = process.cwd();
const SERVICE_AREAS = ['packages', 'subgraphs', 'gateway'];
const TOOLS = join(root, 'tools');

const toolPackages = readdirSync(TOOLS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => (JSON.parse(readFileSync(join(TOOLS, entry.name, 'package.json'), 'utf8')) as { name: string }).name);

function sourceFiles(area: string): string[] {
  return (readdirSync(join(root, area), { recursive: true, encoding: 'utf8' }) as string[])
    .filter((path) => path.endsWith('.ts') && !path.split(sep).some((part) => part === 'node_modules' || part === 'dist'))
    .map((path) => join(root, area, path));
}

function manifests(area: string): string[] {
  const direct = join(root, area, 'package.json');
  if (area === 'gateway') return [direct];
  return readdirSync(join(root, area), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, area, entry.name, 'package.json'));
}

function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((imported) => imported.fileName);
}

function isToolImport(file: string, specifier: string): boolean {
  if (specifier.startsWith('.')) return !relative(TOOLS, resolve(dirname(file), specifier)).startsWith('..');
  return toolPackages.some((name) => specifier === name || specifier.startsWith(`${name}/`));
}

describe('the boundary between what services load and the tools', () => {
  it('knows the tool packages', () => {
    expect(toolPackages).toEqual(expect.arrayContaining(['@civic/demo-city', '@civic/launcher', '@civic/testkit', '@civic/scripts', '@civic/bench']));
  });

  it('recognises a tool import by package name and by relative path, and lets others through', () => {
    const file = join(root, 'packages/runtime/src/config.ts');
    expect(isToolImport(file, '@civic/testkit')).toBe(true);
    expect(isToolImport(file, '@civic/demo-city/seeder')).toBe(true);
    expect(isToolImport(file, '../../../tools/launcher/src/index.js')).toBe(true);
    expect(isToolImport(file, '@civic/governance')).toBe(false);
    expect(isToolImport(file, './logger.js')).toBe(false);
    expect(isToolImport(file, '@civic/tools-like-name')).toBe(false);
  });

  it.each(SERVICE_AREAS)('no source file under %s/ imports a tool', (area) => {
    const files = sourceFiles(area);
    expect(files.length).toBeGreaterThan(0);
    const offending = files.flatMap((file) => importsOf(file).filter((specifier) => isToolImport(file, specifier)).map((specifier) => `${relative(root, file)} imports ${specifier}`));
    expect(offending).toEqual([]);
  });

  it.each(SERVICE_AREAS)('no package under %s/ depends on a tool', (area) => {
    const offending = manifests(area).flatMap((path) => {
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, string> | undefined>;
      const declared = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].flatMap((kind) => Object.keys(manifest[kind] ?? {}));
      return declared.filter((name) => toolPackages.includes(name)).map((name) => `${relative(root, path)} depends on ${name}`);
    });
    expect(offending).toEqual([]);
  });
});
