import 'reflect-metadata';

export * from './config.js';
export * from './connection.js';
export * from './context.js';
export * from './enums.js';
export * from './federation.js';
export * from './filters.js';
export * from './gridIndex.js';
export * from './idNumber.js';
export * from './keys.js';
export * from './inputGuard.js';
export * from './loaders.js';
export * from './ownerRecords.js';
export * from './references.js';
export * from './scope.js';
export * from './subgraph.js';
export * from './validation.js';
export * from './vocabulary.js';
