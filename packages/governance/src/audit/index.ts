export * from './AuditOutboxEntry.js';
export * from './buffer.js';
export * from './forwarder.js';
export * from './outboxMigration.js';
export * from './plugin.js';
