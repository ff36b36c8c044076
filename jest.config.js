/**
 * Three tiers, each a jest project whose folder says what it starts:
 * - unit: nothing (pure functions, files on disk); seconds.
 * - inprocess: one subgraph in the test's own process on a fresh PGlite directory.
 * - e2e: whole platforms as real processes on PGlite and PostgreSQL (its globalSetup starts them once a run).
 * - faults: one platform on a PostgreSQL cluster of its own, whose services and database it kills, freezes
 *   and restarts under load (`npm run test:faults`; not part of `npm test`, which ignores it).
 * Each tier sets its own test timeout in test/setup/<tier>.ts.
 * Tests are TypeScript compiled by swc, run as ESM (MikroORM 7 is ESM-only), against the built packages.
 */
const typescript = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'es6' } }],
  },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};

export default {
  maxWorkers: 2,
  projects: [
    { ...typescript, displayName: 'unit', roots: ['<rootDir>/test/unit'], setupFilesAfterEnv: ['<rootDir>/test/setup/unit.ts'] },
    { ...typescript, displayName: 'inprocess', roots: ['<rootDir>/test/inprocess'], setupFilesAfterEnv: ['<rootDir>/test/setup/inprocess.ts'] },
    {
      ...typescript,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
      globalSetup: '<rootDir>/test/e2e/support/globalSetup.ts',
      globalTeardown: '<rootDir>/test/e2e/support/globalTeardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/setup/e2e.ts'],
    },
    { ...typescript, displayName: 'faults', roots: ['<rootDir>/test/faults'], setupFilesAfterEnv: ['<rootDir>/test/setup/faults.ts'] },
  ],
};
