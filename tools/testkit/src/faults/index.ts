export * from './checks.js';
export * from './deepQuery.js';
export * from './load.js';
export * from './platform.js';
export * from './terminate.js';
export * from './verdicts.js';
