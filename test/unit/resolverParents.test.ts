import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * Resolvers take their parent through @Parent() (subgraph-kit), never type-graphql's @Root(): @Root()
 * turns a plain row into an entity instance through MikroORM's setters on every field it resolves, which
 * cost more CPU than hydration did (README, "Where the time goes", item 4).
 */
const subgraphSources = (readdirSync(join(process.cwd(), 'subgraphs'), { recursive: true, encoding: 'utf8' }) as string[])
  .filter((path) => path.endsWith('.ts') && path.split(sep).includes('src'))
  .map((path) => join(process.cwd(), 'subgraphs', path));

describe('field resolvers\' parents', () => {
  it('finds the subgraphs\' resolvers', () => {
    expect(subgraphSources.filter((file) => readFileSync(file, 'utf8').includes('@Parent()')).length).toBeGreaterThan(10);
  });

  it('are never taken through @Root()', () => {
    const offenders = subgraphSources.filter((file) => /@Root\(/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
