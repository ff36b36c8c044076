export * from './config.js';
export * from './developmentKeys.js';
export * from './keyFiles.js';
export * from './load.js';
export * from './serviceCredential.js';
