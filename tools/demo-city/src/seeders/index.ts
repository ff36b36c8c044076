import { BuildingsSeeder } from './buildings.js';
import { ExampleReportsSeeder } from './exampleReports.js';
import { IncidentsSeeder } from './incidents.js';
import { PopulationSeeder } from './population.js';
import { ResourcesSeeder } from './resources/index.js';

/** Each subgraph's share of the demo city: the departments' data, and the access service's example reports. */
export const DEMO_SEEDERS = [new PopulationSeeder(), new BuildingsSeeder(), new IncidentsSeeder(), new ResourcesSeeder(), new ExampleReportsSeeder()];
export { BuildingsSeeder, ExampleReportsSeeder, IncidentsSeeder, PopulationSeeder, ResourcesSeeder };
