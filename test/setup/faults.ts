import { jest } from '@jest/globals';

// A generous ceiling, not an expectation: a fault test starts a platform and restarts services on a busy machine.
// (jest reads testTimeout from the root configuration only, so each tier sets its own here.)
jest.setTimeout(300_000);
