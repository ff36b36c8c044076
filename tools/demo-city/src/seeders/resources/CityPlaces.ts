import type { DemoCity } from '../../index.js';

export interface Place {
  /** Position among the places of its level, the index a seeded Random is keyed on. */
  index: number;
  code: string;
  name: string;
  /** Codes of the grids inside this place; records placed "in" it pick one. */
  gridCodes: string[];
}

export interface Street extends Place {
  district: Place;
}

const DISTRICT_CODE_LENGTH = 6;
const STREET_CODE_LENGTH = 9;
const COMMUNITY_CODE_LENGTH = 12;

/** The demo city's districts, streets and communities with their grids, for seeding records per place. */
export class CityPlaces {
  readonly districts: Place[] = [];
  readonly streets: Street[] = [];
  readonly communities: Place[] = [];
  private readonly streetsByCode = new Map<string, Street>();

  constructor(city: DemoCity) {
    const byCode = new Map<string, Place>();
    const place = (index: number, code: string, name: string): Place => {
      const created = { index, code, name, gridCodes: [] };
      byCode.set(code, created);
      return created;
    };
    for (const area of city.areas()) {
      if (area.level === 'DISTRICT') {
        this.districts.push(place(this.districts.length, area.code, area.name));
      } else if (area.level === 'STREET') {
        const street = { ...place(this.streets.length, area.code, area.name), district: byCode.get(area.parentCode ?? '')! };
        byCode.set(street.code, street);
        this.streets.push(street);
        this.streetsByCode.set(street.code, street);
      } else if (area.level === 'COMMUNITY') {
        this.communities.push(place(this.communities.length, area.code, area.name));
      }
    }
    for (const grid of city.grids()) {
      for (const length of [DISTRICT_CODE_LENGTH, STREET_CODE_LENGTH, COMMUNITY_CODE_LENGTH]) {
        byCode.get(grid.code.slice(0, length))?.gridCodes.push(grid.code);
      }
    }
  }

  streetOf(gridCode: string): Street | undefined {
    return this.streetsByCode.get(gridCode.slice(0, STREET_CODE_LENGTH));
  }
}
