export * from './testing.js';
export * from './inProcess.js';
