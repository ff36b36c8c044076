export * from './graphqlMetrics.js';
export * from './routes.js';
export * from './tracing.js';
