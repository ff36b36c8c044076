import { jest } from '@jest/globals';

// A generous ceiling, not an expectation: tests must pass on a busy shared machine too.
// (jest reads testTimeout from the root configuration only, so each tier sets its own here.)
jest.setTimeout(600_000);
