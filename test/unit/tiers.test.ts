import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** jest runs only the tier folders (jest.config.js), so a test file anywhere else would silently never run. */
const TIERS = ['unit', 'inprocess', 'e2e', 'faults'];

describe('the test tiers', () => {
  it('hold every test file', () => {
    const testFiles = (readdirSync(join(process.cwd(), 'test'), { recursive: true, encoding: 'utf8' }) as string[]).filter((path) => path.endsWith('.test.ts'));
    expect(testFiles.length).toBeGreaterThan(0);
    expect(testFiles.filter((path) => !TIERS.includes(path.split(/[\\/]/)[0]!))).toEqual([]);
  });
});
