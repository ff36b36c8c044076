export * from './demoCity.js';
export * from './random.js';
export * from './bulk.js';
export * from './seeding.js';
export * from './seeders/index.js';
export * from './seedCity.js';
export * from './seedOutcome.js';
export * from './preparedCity.js';
