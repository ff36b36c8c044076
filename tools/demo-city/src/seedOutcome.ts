// Apart from seeding.ts (MikroORM's seeder): the launcher names these without loading a database.
export type SeedOutcome = 'seeded' | 'already-seeded';

/** A database that holds data other than this demo city: the user's to decide about (npm run seed -- --reset). */
export class ForeignDataError extends Error {
  override name = 'ForeignDataError';
}
