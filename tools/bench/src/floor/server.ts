/**
 * `node tools/bench/dist/floor/server.js`: serves the floor of workload (b) (see deepQuery.ts) over HTTP
 * on PORT, reading the databases named by POPULATION_/BUILDINGS_/INCIDENTS_/RESOURCES_DATABASE_URL.
 * It answers any POST with the storm picture for the request's variables; GET /health is its readiness.
 */
import { createServer } from 'node:http';
import pg from 'pg';
import { configOrExit, parseEnv, portValue, postgresUrlValue, z } from '@civic/runtime';
import { stormPicture, type FloorDatabases } from './deepQuery.js';

const config = configOrExit('bench-floor', () =>
  parseEnv(
    z.object({
      PORT: portValue(4200),
      POPULATION_DATABASE_URL: postgresUrlValue,
      BUILDINGS_DATABASE_URL: postgresUrlValue,
      INCIDENTS_DATABASE_URL: postgresUrlValue,
      RESOURCES_DATABASE_URL: postgresUrlValue,
    }),
  ),
);
// As many connections per database as a subgraph's pool, so neither side queues on connections.
const pool = (connectionString: string) => new pg.Pool({ connectionString, max: 10 });
const databases: FloorDatabases = {
  population: pool(config.POPULATION_DATABASE_URL),
  buildings: pool(config.BUILDINGS_DATABASE_URL),
  incidents: pool(config.INCIDENTS_DATABASE_URL),
  resources: pool(config.RESOURCES_DATABASE_URL),
};

createServer((request, response) => {
  if (request.method !== 'POST') {
    response.writeHead(200).end('ok');
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const { variables } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { variables: { code: string; first: number } };
    stormPicture(databases, variables.code, variables.first).then(
      (data) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data })),
      (error: unknown) => response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(error) }] })),
    );
  });
}).listen(config.PORT, '127.0.0.1');
process.once('SIGTERM', () => process.exit(0));
