/**
 * Places are hierarchical codes (district 6 digits > street 9 > community 12 > grid 15), so "inside
 * an area" is a prefix test. The one definition every layer uses: the policy engine, the subgraphs'
 * input checks and the database place scope.
 */
export function insideArea(gridCode: unknown, area: string): boolean {
  return typeof gridCode === 'string' && area.length > 0 && gridCode.startsWith(area);
}

/** Inside the caller's jurisdiction; a caller without one (a city-wide department) is bounded by nothing. */
export function withinJurisdiction(gridCode: string, jurisdiction: string | undefined): boolean {
  return !jurisdiction || insideArea(gridCode, jurisdiction);
}

/** The codes of the areas that contain a jurisdiction (district, street, community, grid levels). */
export function enclosingAreas(jurisdiction: string): string[] {
  return [6, 9, 12, 15].filter((length) => length <= jurisdiction.length).map((length) => jurisdiction.slice(0, length));
}
