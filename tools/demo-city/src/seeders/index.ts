import { BuildingsSeeder } from './buildings.js';
import { IncidentsSeeder } from './incidents.js';
import { PopulationSeeder } from './population.js';
import { ResourcesSeeder } from './resources/index.js';

/** The subgraphs that hold departments' data, each with its share of the demo city. */
export const DEMO_SEEDERS = [new PopulationSeeder(), new BuildingsSeeder(), new IncidentsSeeder(), new ResourcesSeeder()];
export { BuildingsSeeder, IncidentsSeeder, PopulationSeeder, ResourcesSeeder };
