import { EVACUATION_ASSISTANCE_CATEGORIES, type CareCategory } from '../vocabulary.js';

/** Whole years between a YYYY-MM-DD birth date and `today`. */
export function ageOn(birthDate: string, today: Date): number {
  const born = new Date(`${birthDate}T00:00:00Z`);
  let years = today.getUTCFullYear() - born.getUTCFullYear();
  const beforeBirthday =
    today.getUTCMonth() < born.getUTCMonth() ||
    (today.getUTCMonth() === born.getUTCMonth() && today.getUTCDate() < born.getUTCDate());
  if (beforeBirthday) years -= 1;
  return years;
}

/** The need-to-know signal for rescuers: that a person needs help, never why. */
export function needsEvacuationAssistance(careCategories: readonly CareCategory[] | null): boolean {
  return (careCategories ?? []).some((c) => EVACUATION_ASSISTANCE_CATEGORIES.includes(c));
}
