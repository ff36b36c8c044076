// Apart from seeding.ts (MikroORM's seeder): the launcher names these without loading a database.
/** copied: from the city `npm run build` prepared (preparedCity.ts), the same rows seeding would write. */
export type SeedOutcome = 'seeded' | 'copied' | 'already-seeded';

/** A database that holds data other than this demo city: the user's to decide about (npm run seed -- --reset). */
export class ForeignDataError extends Error {
  override name = 'ForeignDataError';
}
