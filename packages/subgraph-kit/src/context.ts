import DataLoader from 'dataloader';
import type { EntityManager, Identity } from '@civic/runtime';
import type { PolicyContext } from '@civic/governance';
import type { OwnerRecords } from './ownerRecords.js';
import type { LiveEventsContext } from './liveEvents/recordLiveEvent.js';

/** Everything a resolver may use for one request; nothing here outlives the request. */
export interface RequestContext extends PolicyContext, LiveEventsContext {
  identity: Identity;
  /** A fork of the ORM's EntityManager for this request alone, with the caller's place scope applied. */
  em: EntityManager;
  loaders: LoaderRegistry;
  /** Asks other subgraphs about records a write refers to, as this caller. */
  owners: OwnerRecords;
}

/** Per-request DataLoaders, created on first use so that `_entities` and to-many links batch. */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(key: string, create: () => DataLoader<K, V>): DataLoader<K, V> {
    let loader = this.loaders.get(key);
    if (!loader) {
      loader = create() as DataLoader<unknown, unknown>;
      this.loaders.set(key, loader);
    }
    return loader as DataLoader<K, V>;
  }
}
