import { jest } from '@jest/globals';

// Pure functions answer in milliseconds; a hung one should fail fast.
// (jest reads testTimeout from the root configuration only, so each tier sets its own here.)
jest.setTimeout(30_000);
