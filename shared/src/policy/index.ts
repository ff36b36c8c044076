export * from './catalog.js';
export * from './classification.js';
export * from './enforce.js';
export * from './engine.js';
export * from './masking.js';
export * from './model.js';
export * from './store.js';
export * from './validate.js';
