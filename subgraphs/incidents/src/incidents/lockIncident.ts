import { LockMode } from '@mikro-orm/core';
import { notFound, type EntityManager } from '@civic/runtime';
import { Incident } from './Incident.js';

/**
 * Reads an incident's current row and holds it until the transaction ends, so two concurrent changes
 * cannot both start from the same state. Out of the caller's jurisdiction counts as absent.
 */
export async function lockIncident(em: EntityManager, id: number, field: string): Promise<Incident> {
  const incident = await em.findOne(Incident, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
  if (!incident) throw notFound('Incident', String(id), field);
  return incident;
}
