export * from './LiveEventEntry.js';
export * from './liveOutboxMigration.js';
export * from './recordLiveEvent.js';
export * from './forwarder.js';
export * from './sweeper.js';
