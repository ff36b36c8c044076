import { buildIdNumber, type RiskType, type Severity } from '@civic/subgraph-kit';
import { Random } from './random.js';
import { DEFAULT_DEMO_RESIDENTS, seedingDay } from './demoCityDefaults.js';

export { DEFAULT_DEMO_RESIDENTS, seedingDay };
import { BUILDING_STRUCTURES, HAZARD_CATEGORIES, type BuildingStructure, type BuildingUse, type HazardCategory, type HazardStatus } from '@civic/buildings/vocabulary';
import { INCIDENT_SOURCES, type IncidentSource, type IncidentStatus } from '@civic/incidents/vocabulary';
import { CARE_CATEGORIES, KEY_PERSONNEL_CATEGORIES, type CareCategory, type KeyPersonnelCategory } from '@civic/population/vocabulary';

/**
 * The deterministic demo city. Every subgraph computes its own share from the same few numbers, so
 * their IDs agree without talking to each other: building i, resident j and incident k are pure
 * functions of (seed, size, index), and any one of them is O(1) to compute.
 */
const CITY_CODE = '3301';
const DAY_MS = 86_400_000;

export type AreaLevel = 'DISTRICT' | 'STREET' | 'COMMUNITY' | 'GRID';

export interface Area {
  code: string;
  name: string;
  level: AreaLevel;
  parentCode: string | null;
}

export interface GridArea extends Area {
  index: number;
  workerName: string;
  workerPhone: string;
}

export interface DemoBuilding {
  id: number;
  gridCode: string;
  address: string;
  use: BuildingUse;
  structure: BuildingStructure;
  floors: number;
  yearBuilt: number;
  managerName: string;
  managerPhone: string;
  fireKeyPlace: boolean;
}

export interface DemoResident {
  id: number;
  buildingId: number;
  householdId: number;
  gridCode: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  birthDate: Date;
  idNumber: string;
  phone: string;
  careCategories: CareCategory[];
  keyPersonnelCategory: KeyPersonnelCategory | null;
}

export interface DemoHazard {
  id: number;
  buildingId: number;
  gridCode: string;
  category: HazardCategory;
  severity: Severity;
  status: HazardStatus;
  description: string;
  reportedAt: Date;
  deadline: Date;
  closedAt: Date | null;
}

export interface DemoInspection {
  id: number;
  buildingId: number;
  gridCode: string;
  inspectedAt: Date;
  inspector: string;
  department: string;
  result: 'PASSED' | 'HAZARDS_FOUND' | 'FAILED';
  notes: string;
}

export interface DemoTimelineEntry {
  at: Date;
  department: string;
  action: string;
  note: string;
}

export interface DemoIncident {
  id: number;
  gridCode: string;
  buildingId: number;
  category: RiskType;
  source: IncidentSource;
  status: IncidentStatus;
  severity: Severity;
  title: string;
  description: string;
  reporterResidentId: number | null;
  involvedResidentIds: number[];
  reportedAt: Date;
  deadline: Date;
  timeline: DemoTimelineEntry[];
}

const SURNAMES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He', 'Lin', 'Luo', 'Gao'];
const GIVEN_MALE = ['Wei', 'Qiang', 'Lei', 'Jun', 'Yong', 'Jie', 'Tao', 'Ming', 'Chao', 'Hao', 'Peng', 'Bo', 'Gang', 'Hui', 'Jian', 'Long'];
const GIVEN_FEMALE = ['Fang', 'Na', 'Min', 'Jing', 'Li', 'Yan', 'Juan', 'Xia', 'Ting', 'Hong', 'Mei', 'Ying', 'Lan', 'Qin', 'Yun', 'Hua'];
const DISTRICT_NAMES = ['Shangcheng', 'Gongshu', 'Xihu', 'Binjiang', 'Xiaoshan', 'Yuhang', 'Linping', 'Qiantang', 'Fuyang', 'Linan', 'Tonglu', 'Chunan', 'Jiande'];
const STREET_WORDS = ['Qingbo', 'Hubin', 'Xiaoying', 'Wangjiang', 'Nanxing', 'Ziyang', 'Caihe', 'Kaixuan', 'Jianqiao', 'Dingqiao', 'Pengbu', 'Sijiqing'];
const COMMUNITY_WORDS = ['Lotus', 'Willow', 'Plum', 'Bamboo', 'Pine', 'Orchid', 'Peach', 'Maple', 'Camellia', 'Osmanthus', 'Jade', 'Harbour'];
const ROAD_WORDS = ['Jiefang', 'Zhongshan', 'Yan\'an', 'Fengqi', 'Qingchun', 'Wulin', 'Tiyuchang', 'Moganshan', 'Wensan', 'Xueyuan'];
const DEPARTMENT_NAMES = ['police', 'fire', 'emergency', 'civil', 'housing', 'community'];

export interface CityShape {
  districts: number;
  streetsPerDistrict: number;
  communitiesPerStreet: number;
  gridsPerCommunity: number;
}

const AGE_YEARS = { child: [0, 15], young: [16, 39], middle: [40, 59], senior: [60, 74], old: [75, 98] } as const;
const ORDERS_PER_DAY = 500;
const SLOT_SCATTER = 1_000_003;

/**
 * Age in days and the ID number's order digits of resident j, within its age group: each (day, order)
 * slot of a group is taken by one resident, so ID numbers (area, birth date, order) are unique, as the
 * population subgraph's unique index requires, for cities of up to 2.7 million residents (the smallest
 * group, seniors, has 15 years x 365 days x 500 orders). Multiplying by a prime that shares no factor
 * with the slot count permutes the slots, which spreads consecutive residents over the whole group.
 */
function birthSlot(age: keyof typeof AGE_YEARS, j: number): { daysOld: number; order: number } {
  const [youngest, oldest] = AGE_YEARS[age];
  const days = (oldest - youngest + 1) * 365;
  const slot = (j * SLOT_SCATTER) % (days * ORDERS_PER_DAY);
  return { daysOld: youngest * 365 + (slot % days), order: Math.floor(slot / days) };
}

export class DemoCity {
  readonly seed: number;
  readonly residentCount: number;
  readonly buildingCount: number;
  readonly incidentCount: number;
  readonly shape: CityShape;
  readonly gridCount: number;
  /** The day dates count from: birth dates, report dates, deadlines, duty days, stock expiry. */
  readonly referenceDate: Date;

  constructor(residentCount: number = DEFAULT_DEMO_RESIDENTS, referenceDate = seedingDay(), seed = 20261101) {
    this.seed = seed;
    this.referenceDate = referenceDate;
    this.residentCount = residentCount;
    this.buildingCount = Math.max(1, Math.ceil(residentCount / 5));
    this.incidentCount = Math.max(1, Math.ceil(residentCount / 2));
    this.shape = DemoCity.shapeFor(residentCount);
    const { districts, streetsPerDistrict, communitiesPerStreet, gridsPerCommunity } = this.shape;
    this.gridCount = districts * streetsPerDistrict * communitiesPerStreet * gridsPerCommunity;
  }

  /** A moment `days` days before the reference day, at a random second of that day. */
  private daysBefore(days: number, random: Random): Date {
    return new Date(this.referenceDate.getTime() - days * DAY_MS - random.int(0, 86_399) * 1000);
  }

  /** About 250 residents a grid, as in the seeds' "a few hundred households", in a roughly balanced tree. */
  static shapeFor(residents: number): CityShape {
    const grids = Math.max(16, Math.ceil(residents / 250));
    const districts = Math.max(2, Math.ceil(grids / 200));
    const fanOut = Math.max(2, Math.ceil(Math.sqrt(grids / districts) / 2));
    const gridsPerCommunity = Math.max(1, Math.ceil(grids / (districts * fanOut * fanOut)));
    return { districts, streetsPerDistrict: fanOut, communitiesPerStreet: fanOut, gridsPerCommunity };
  }

  private random(kind: number, index: number): Random {
    return new Random(this.seed, kind, index);
  }

  // --- places -------------------------------------------------------------

  *areas(): Generator<Area> {
    const { districts, streetsPerDistrict, communitiesPerStreet } = this.shape;
    for (let d = 0; d < districts; d++) {
      const district = this.districtCode(d);
      yield { code: district, name: `${DISTRICT_NAMES[d % DISTRICT_NAMES.length]}${d >= DISTRICT_NAMES.length ? ` ${Math.floor(d / DISTRICT_NAMES.length) + 1}` : ''} District`, level: 'DISTRICT', parentCode: null };
      for (let s = 0; s < streetsPerDistrict; s++) {
        const street = `${district}${pad(s + 1, 3)}`;
        yield { code: street, name: `${STREET_WORDS[(d * 7 + s) % STREET_WORDS.length]} Street ${s + 1}`, level: 'STREET', parentCode: district };
        for (let c = 0; c < communitiesPerStreet; c++) {
          const community = `${street}${pad(c + 1, 3)}`;
          yield { code: community, name: `${COMMUNITY_WORDS[(d * 5 + s * 3 + c) % COMMUNITY_WORDS.length]} Garden Community ${c + 1}`, level: 'COMMUNITY', parentCode: street };
        }
      }
    }
  }

  *grids(): Generator<GridArea> {
    for (let g = 0; g < this.gridCount; g++) yield this.gridAt(g);
  }

  private districtCode(d: number): string {
    return `${CITY_CODE}${pad(d + 1, 2)}`;
  }

  gridCodeAt(g: number): string {
    const { streetsPerDistrict, communitiesPerStreet, gridsPerCommunity } = this.shape;
    const grid = g % gridsPerCommunity;
    const community = Math.floor(g / gridsPerCommunity) % communitiesPerStreet;
    const street = Math.floor(g / (gridsPerCommunity * communitiesPerStreet)) % streetsPerDistrict;
    const district = Math.floor(g / (gridsPerCommunity * communitiesPerStreet * streetsPerDistrict));
    return `${this.districtCode(district)}${pad(street + 1, 3)}${pad(community + 1, 3)}${pad(grid + 1, 3)}`;
  }

  gridAt(g: number): GridArea {
    const code = this.gridCodeAt(g);
    const random = this.random(1, g);
    return {
      index: g,
      code,
      name: `Grid ${Number(code.slice(-3))}`,
      level: 'GRID',
      parentCode: code.slice(0, 12),
      workerName: personName(random, random.chance(0.5)),
      workerPhone: phoneNumber(random),
    };
  }

  // --- buildings ----------------------------------------------------------

  gridIndexOfBuilding(i: number): number {
    return Math.floor((i * this.gridCount) / this.buildingCount);
  }

  buildingAt(i: number): DemoBuilding {
    const random = this.random(2, i);
    const grid = this.gridIndexOfBuilding(i);
    const use = random.weighted<BuildingUse>({ RESIDENTIAL: 70, SHOP: 8, HOSTEL: 3, WAREHOUSE: 3, OFFICE: 5, MIXED: 8, SCHOOL: 1, MARKET: 2 });
    const yearBuilt = random.int(1955, 2024);
    const structure: BuildingStructure = yearBuilt < 1980 ? random.pick(['BRICK_WOOD', 'BRICK_CONCRETE', 'TIMBER'] as const) : random.pick(BUILDING_STRUCTURES.slice(1, 4));
    const floors = use === 'RESIDENTIAL' ? (yearBuilt < 1995 ? random.int(2, 7) : random.int(6, 33)) : random.int(1, 6);
    return {
      id: i + 1,
      gridCode: this.gridCodeAt(grid),
      address: `No. ${random.int(1, 399)} ${random.pick(ROAD_WORDS)} Road, Building ${(i % 40) + 1}`,
      use,
      structure,
      floors,
      yearBuilt,
      managerName: personName(random, random.chance(0.5)),
      managerPhone: phoneNumber(random),
      fireKeyPlace: use === 'HOSTEL' || use === 'MARKET' || use === 'WAREHOUSE' || (use === 'SHOP' && random.chance(0.3)),
    };
  }

  hazardsOf(building: DemoBuilding): DemoHazard[] {
    const random = this.random(3, building.id);
    const count = random.chance(0.35) ? random.int(1, 3) : 0;
    const hazards: DemoHazard[] = [];
    for (let h = 0; h < count; h++) {
      const category: HazardCategory = building.yearBuilt < 1985 && random.chance(0.4) ? 'STRUCTURAL_CRACK' : random.pick(HAZARD_CATEGORIES);
      const reportedAt = this.daysBefore(random.int(1, 540), random);
      const status = random.weighted<HazardStatus>({ OPEN: 35, RECTIFYING: 25, CLOSED: 40 });
      hazards.push({
        id: building.id * 4 + h,
        buildingId: building.id,
        gridCode: building.gridCode,
        category,
        severity: random.weighted<Severity>({ LOW: 40, MEDIUM: 35, HIGH: 20, CRITICAL: 5 }),
        status,
        description: hazardDescription(category),
        reportedAt,
        deadline: new Date(reportedAt.getTime() + random.int(7, 90) * DAY_MS),
        closedAt: status === 'CLOSED' ? new Date(reportedAt.getTime() + random.int(1, 60) * DAY_MS) : null,
      });
    }
    return hazards;
  }

  inspectionsOf(building: DemoBuilding): DemoInspection[] {
    const random = this.random(4, building.id);
    const count = building.fireKeyPlace ? random.int(2, 4) : random.int(0, 2);
    return Array.from({ length: count }, (_, n) => {
      const result = random.weighted({ PASSED: 70, HAZARDS_FOUND: 25, FAILED: 5 } as const);
      return {
        id: building.id * 4 + n,
        buildingId: building.id,
        gridCode: building.gridCode,
        inspectedAt: this.daysBefore(random.int(1, 720), random),
        inspector: personName(random, random.chance(0.6)),
        department: building.fireKeyPlace ? 'fire' : random.pick(['housing', 'fire', 'community']),
        result,
        notes: result === 'PASSED' ? 'No issues found' : 'Follow-up inspection scheduled',
      };
    });
  }

  // --- residents ----------------------------------------------------------

  firstResidentOfBuilding(buildingIndex: number): number {
    return Math.ceil((buildingIndex * this.residentCount) / this.buildingCount);
  }

  buildingIndexOfResident(j: number): number {
    return Math.floor((j * this.buildingCount) / this.residentCount);
  }

  residentsOfBuilding(buildingIndex: number): { first: number; count: number } {
    const first = this.firstResidentOfBuilding(buildingIndex);
    return { first, count: this.firstResidentOfBuilding(buildingIndex + 1) - first };
  }

  residentAt(j: number): DemoResident {
    const random = this.random(5, j);
    const buildingIndex = this.buildingIndexOfResident(j);
    const gridCode = this.gridCodeAt(this.gridIndexOfBuilding(buildingIndex));
    const male = random.chance(0.5);
    const { daysOld, order } = birthSlot(random.weighted({ child: 14, young: 30, middle: 34, senior: 16, old: 6 } as const), j);
    const years = Math.floor(daysOld / 365);
    const birthDate = new Date(this.referenceDate.getTime() - daysOld * DAY_MS);
    birthDate.setUTCHours(0, 0, 0, 0);
    const firstInBuilding = this.firstResidentOfBuilding(buildingIndex);
    return {
      id: j + 1,
      buildingId: buildingIndex + 1,
      householdId: firstInBuilding + 3 * Math.floor((j - firstInBuilding) / 3) + 1,
      gridCode,
      name: personName(random, male),
      gender: male ? 'MALE' : 'FEMALE',
      birthDate,
      idNumber: buildIdNumber(gridCode.slice(0, 6), birthDate, order, male),
      phone: phoneNumber(random),
      careCategories: careCategoriesFor(random, years),
      keyPersonnelCategory: years >= 18 && random.chance(0.004) ? random.pick(KEY_PERSONNEL_CATEGORIES) : null,
    };
  }

  // --- incidents ----------------------------------------------------------

  incidentAt(k: number): DemoIncident {
    const random = this.random(6, k);
    const buildingIndex = random.int(0, this.buildingCount - 1);
    const gridCode = this.gridCodeAt(this.gridIndexOfBuilding(buildingIndex));
    const category = random.weighted<RiskType>({ FIRE_HAZARD: 24, BUILDING_SAFETY: 18, NATURAL_DISASTER: 12, SPECIAL_GROUP: 16, PETITION_DISPUTE: 18, ECONOMIC_CROWD: 12 });
    const source = category === 'FIRE_HAZARD' && random.chance(0.2) ? 'SENSOR' : random.pick(INCIDENT_SOURCES.filter((s) => s !== 'SENSOR'));
    const ageDays = random.int(0, 364);
    const reportedAt = this.daysBefore(ageDays, random);
    const status = statusForAge(random, ageDays);
    const { first, count } = this.residentsOfBuilding(buildingIndex);
    const residentIn = () => first + random.int(0, Math.max(0, count - 1)) + 1;
    const reporterResidentId = source === 'SENSOR' || count === 0 ? null : residentIn();
    const involved = count === 0 ? [] : [...new Set(Array.from({ length: random.int(0, 2) }, residentIn))];
    return {
      id: k + 1,
      gridCode,
      buildingId: buildingIndex + 1,
      category,
      source,
      status,
      severity: random.weighted<Severity>({ LOW: 35, MEDIUM: 40, HIGH: 20, CRITICAL: 5 }),
      title: INCIDENT_TITLES[category][random.int(0, INCIDENT_TITLES[category].length - 1)]!,
      description: incidentDescription(category, random),
      reporterResidentId,
      involvedResidentIds: involved,
      reportedAt,
      deadline: new Date(reportedAt.getTime() + (category === 'NATURAL_DISASTER' ? 1 : random.int(3, 15)) * DAY_MS),
      timeline: timelineFor(random, category, status, reportedAt),
    };
  }
}

const INCIDENT_TITLES: Record<RiskType, string[]> = {
  FIRE_HAZARD: ['E-bikes charging in the stairwell', 'Blocked fire exit at a small shop', 'Smoke alarm triggered', 'Hostel without fire extinguishers'],
  BUILDING_SAFETY: ['Cracks in a load-bearing wall', 'Illegal rooftop extension', 'Loose facade tiles', 'Sagging balcony'],
  NATURAL_DISASTER: ['Street flooding after heavy rain', 'Typhoon damage to roof', 'Fallen tree blocking the road', 'Landslide risk on slope'],
  SPECIAL_GROUP: ['Elderly resident not seen for days', 'Left-behind child needs care', 'Disabled resident needs assistance', 'Key person missed check-in'],
  PETITION_DISPUTE: ['Neighbour dispute over noise', 'Wage arrears complaint', 'Property management dispute', 'Demolition compensation dispute'],
  ECONOMIC_CROWD: ['Suspected illegal fund-raising', 'Phone fraud reported', 'Crowding at a market', 'Unlicensed investment seminar'],
};

function incidentDescription(category: RiskType, random: Random): string {
  const details: Record<RiskType, string[]> = {
    FIRE_HAZARD: ['Several e-bikes are charged overnight in the corridor.', 'Goods are stacked against the emergency exit.'],
    BUILDING_SAFETY: ['Residents report widening cracks since the last rain.', 'An extra storey was added without a permit.'],
    NATURAL_DISASTER: ['Water is ankle-deep at the building entrance.', 'Wind damage; debris on the pavement.'],
    SPECIAL_GROUP: ['Neighbours ask the community to check in.', 'Care visit requested by relatives.'],
    PETITION_DISPUTE: ['The complainant asks for mediation by the community office.', 'The complainant has petitioned twice before.'],
    ECONOMIC_CROWD: ['Elderly residents were promised high returns.', 'A crowd gathers daily at the promotion venue.'],
  };
  return random.pick(details[category]);
}

function statusForAge(random: Random, ageDays: number): IncidentStatus {
  if (ageDays < 3) return random.weighted<IncidentStatus>({ REPORTED: 40, ACCEPTED: 30, DISPATCHED: 15, IN_PROGRESS: 15, RESOLVED: 0, CLOSED: 0, REJECTED: 0 });
  if (ageDays < 30) return random.weighted<IncidentStatus>({ REPORTED: 3, ACCEPTED: 10, DISPATCHED: 10, IN_PROGRESS: 22, RESOLVED: 30, CLOSED: 20, REJECTED: 5 });
  return random.weighted<IncidentStatus>({ REPORTED: 0, ACCEPTED: 1, DISPATCHED: 1, IN_PROGRESS: 3, RESOLVED: 10, CLOSED: 80, REJECTED: 5 });
}

const STATUS_PATH: IncidentStatus[] = ['REPORTED', 'ACCEPTED', 'DISPATCHED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED'];

function timelineFor(random: Random, category: RiskType, status: IncidentStatus, reportedAt: Date): DemoTimelineEntry[] {
  const owner = { FIRE_HAZARD: 'fire', BUILDING_SAFETY: 'housing', NATURAL_DISASTER: 'emergency', SPECIAL_GROUP: 'civil', PETITION_DISPUTE: 'petition', ECONOMIC_CROWD: 'police' }[category];
  const steps = status === 'REJECTED' ? ['REPORTED', 'REJECTED'] : STATUS_PATH.slice(0, STATUS_PATH.indexOf(status) + 1);
  let at = reportedAt.getTime();
  return steps.map((step, n) => {
    at += n === 0 ? 0 : random.int(1, 48) * 3_600_000;
    return {
      at: new Date(at),
      department: n === 0 ? random.pick(DEPARTMENT_NAMES) : owner,
      action: step,
      note: n === 0 ? 'Incident registered' : `Status set to ${step.toLowerCase().replaceAll('_', ' ')}`,
    };
  });
}

function hazardDescription(category: HazardCategory): string {
  return {
    BLOCKED_EXIT: 'Emergency exit obstructed by stored goods',
    EBIKE_CHARGING: 'E-bikes charged indoors or in the stairwell',
    ILLEGAL_ALTERATION: 'Load-bearing wall removed without permit',
    STRUCTURAL_CRACK: 'Visible cracks in structural elements',
    FAULTY_WIRING: 'Exposed or overloaded electrical wiring',
    GAS_LEAK: 'Gas smell reported near the kitchen area',
    FLOOD_PRONE: 'Basement floods in heavy rain',
    OVERCROWDING: 'More occupants than the building permits',
  }[category];
}

function careCategoriesFor(random: Random, age: number): CareCategory[] {
  const categories: CareCategory[] = [];
  if (age >= 70 && random.chance(0.18)) categories.push('ELDERLY_LIVING_ALONE');
  if (random.chance(0.018)) categories.push('DISABLED');
  if (age < 16 && random.chance(0.05)) categories.push('LEFT_BEHIND_CHILD');
  if (random.chance(0.025)) categories.push('LOW_INCOME');
  if (age >= 45 && random.chance(0.06)) categories.push('CHRONIC_ILLNESS');
  return categories.filter((c) => (CARE_CATEGORIES as readonly string[]).includes(c));
}

export function personName(random: Random, male: boolean): string {
  return `${random.pick(SURNAMES)} ${random.pick(male ? GIVEN_MALE : GIVEN_FEMALE)}${random.chance(0.4) ? random.pick(male ? GIVEN_MALE : GIVEN_FEMALE).toLowerCase() : ''}`;
}

export function phoneNumber(random: Random): string {
  return `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
}


function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
