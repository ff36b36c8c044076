import { jest } from '@jest/globals';

// Opening PGlite and running migrations takes seconds, and far longer on a loaded machine.
// (jest reads testTimeout from the root configuration only, so each tier sets its own here.)
jest.setTimeout(300_000);
