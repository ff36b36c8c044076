export * from './model.js';
export * from './rows.js';
export * from './selection.js';
export * from './tabulate.js';
export * from './validate.js';
export * from './variables.js';
