import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { assertBundleFresh, bundledEntry, bundleInputs, bundleOutdated } from '@civic/launcher';

/** A repository of the test's own: a bundle, the list of what it was made from, and those files. */
let root: string;
const file = (path: string, mtimeSeconds: number) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), '');
  utimesSync(join(root, path), mtimeSeconds, mtimeSeconds);
};

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'civic-bundle-'));
  file('gateway/dist/main.js', 1000);
  file('package-lock.json', 1000);
  file(bundledEntry('gateway'), 2000);
  writeFileSync(join(root, bundleInputs('gateway')), JSON.stringify(['gateway/dist/main.js', 'package-lock.json']));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("a service's bundle", () => {
  it('runs when it is newer than everything it was made from', () => {
    expect(bundleOutdated(root, 'gateway')).toBeUndefined();
    expect(() => assertBundleFresh(root, 'gateway')).not.toThrow();
  });

  it('is refused, naming the changed file and what to run, once a file it was made from is newer (a tsc -b without the bundling)', () => {
    file('gateway/dist/main.js', 3000);
    expect(() => assertBundleFresh(root, 'gateway')).toThrow('gateway: gateway/dist/main.js changed after its bundle gateway/dist/bundle/main.js was made; run npm run build');
  });

  it('is refused when the lockfile changed after it (a pull that moved dependencies)', () => {
    file('package-lock.json', 3000);
    expect(bundleOutdated(root, 'gateway')).toContain('package-lock.json changed');
  });

  it('is refused when missing, or a file it was made from is gone', () => {
    expect(bundleOutdated(root, 'live')).toBe('live/dist/bundle/main.js is missing');
    rmSync(join(root, 'gateway/dist/main.js'));
    expect(bundleOutdated(root, 'gateway')).toContain('gateway/dist/main.js changed');
  });
});
