import { DemoCity } from '@civic/demo-city';
import { isValidIdNumber, RISK_TYPES } from '@civic/subgraph-kit';

describe('the demo city', () => {
  const city = new DemoCity(4000);

  it('is the same city every time it is generated', () => {
    const again = new DemoCity(4000);
    expect(again.residentAt(1234)).toEqual(city.residentAt(1234));
    expect(again.incidentAt(77)).toEqual(city.incidentAt(77));
    expect(again.buildingAt(5)).toEqual(city.buildingAt(5));
  });

  it('nests grid codes in community, street and district codes', () => {
    const codes = [...city.areas()].map((a) => a.code);
    for (const grid of city.grids()) {
      expect(codes).toContain(grid.parentCode);
      expect(grid.code.startsWith(grid.parentCode!)).toBe(true);
      expect(grid.code).toMatch(/^\d{15}$/);
    }
  });

  it('puts every resident in the grid of their building', () => {
    for (let j = 0; j < city.residentCount; j += 97) {
      const resident = city.residentAt(j);
      expect(city.buildingAt(resident.buildingId - 1).gridCode).toBe(resident.gridCode);
      expect(isValidIdNumber(resident.idNumber)).toBe(true);
      expect(resident.idNumber.slice(0, 6)).toBe(resident.gridCode.slice(0, 6));
    }
  });

  it('gives every resident an ID number of their own, as the unique index requires', () => {
    const seen = new Set<string>();
    for (let j = 0; j < city.residentCount; j++) seen.add(city.residentAt(j).idNumber);
    expect(seen.size).toBe(city.residentCount);
  });

  it('keeps roughly 250 residents a grid, so a grid page of 200 is realistic', () => {
    expect(city.residentCount / city.gridCount).toBeGreaterThanOrEqual(200);
  });

  it('has incidents of all six risk types, at buildings in their own grid', () => {
    const seen = new Set<string>();
    for (let k = 0; k < 600; k++) {
      const incident = city.incidentAt(k);
      seen.add(incident.category);
      expect(city.buildingAt(incident.buildingId - 1).gridCode).toBe(incident.gridCode);
    }
    expect([...seen].sort()).toEqual([...RISK_TYPES].sort());
  });

  it('grows its tree for a megacity without changing the code format', () => {
    const megacity = new DemoCity(1_000_000);
    expect(megacity.gridCount).toBeGreaterThanOrEqual(1_000_000 / 300);
    expect(megacity.gridCodeAt(megacity.gridCount - 1)).toMatch(/^\d{15}$/);
  });
});
