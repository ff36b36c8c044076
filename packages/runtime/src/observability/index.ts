export * from './graphqlMetrics.js';
export * from './readiness.js';
export * from './routes.js';
export * from './sharedProbe.js';
export * from './tracing.js';
