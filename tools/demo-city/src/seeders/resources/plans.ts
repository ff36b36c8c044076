import { Random } from '../../random.js';
import { type DemoCity } from '../../demoCity.js';
import { RISK_TYPES, type RiskType } from '@civic/subgraph-kit';
import type { Place } from './CityPlaces.js';
import { DAY_MS } from './text.js';
import { RandomKind } from './randomKinds.js';
import type { EmergencyPlan } from '@civic/resources/plans/EmergencyPlan';

const PLAN_CONTENT: Record<RiskType, { name: string; summary: string }> = {
  FIRE_HAZARD: {
    name: 'Fire Emergency Plan',
    summary: 'Fire brigade first response within 5 minutes; grid workers clear exits and guide evacuation; key places checked monthly.',
  },
  BUILDING_SAFETY: {
    name: 'Dangerous Building Plan',
    summary: 'Cordon and evacuate on structural alarm; housing inspectors assess within 24 hours; residents rehoused in shelters.',
  },
  NATURAL_DISASTER: {
    name: 'Flood and Typhoon Plan',
    summary: 'Sandbags and pumps pre-positioned at depots; low-lying buildings evacuated at orange warning; shelters opened at red.',
  },
  SPECIAL_GROUP: {
    name: 'Vulnerable Residents Plan',
    summary: 'Grid workers check on residents who need evacuation assistance first; community doctors on call during alerts.',
  },
  PETITION_DISPUTE: {
    name: 'Mass Petition Response Plan',
    summary: 'Community mediators respond on site; petitions office and governance centre coordinate; escalation within 2 hours.',
  },
  ECONOMIC_CROWD: {
    name: 'Crowd and Fraud Response Plan',
    summary: 'Police response teams control crowding; fraud reports shared with the street office; venues closed on order.',
  },
};

/** One plan per risk type for each district; level 1 is the most severe response. */
export function plansOfDistrict(city: DemoCity, district: Place): EmergencyPlan[] {
  return RISK_TYPES.map((riskType, r) => {
    const id = district.index * RISK_TYPES.length + r + 1;
    const random = new Random(city.seed, RandomKind.Plan, id);
    return {
      id,
      title: `${district.name} ${PLAN_CONTENT[riskType].name}`,
      riskType,
      gridCode: district.code,
      level: random.int(1, 4),
      summary: PLAN_CONTENT[riskType].summary,
      updatedAt: new Date(city.referenceDate.getTime() - random.int(1, 400) * DAY_MS),
    };
  });
}
