export * from './testing.js';
export * from './inProcess.js';
export * from './postgresCluster.js';
export * from './auditExport.js';
export * from './liveClient.js';
