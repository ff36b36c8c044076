import { badUserInput } from '@civic/runtime';

const MAX_SECONDS = 30 * 86_400;
const PATTERN = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** An ISO 8601 duration such as PT2H, PT30M or P7D, between one second and thirty days. */
export function parseDuration(value: string, field: string): number {
  const match = PATTERN.exec(value.trim());
  if (!match || value.trim() === 'P' || value.trim().endsWith('T')) throw badUserInput(field, `must be an ISO 8601 duration such as PT2H or P7D, got "${value}"`);
  const [, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  const total = days! * 86_400 + hours! * 3600 + minutes! * 60 + seconds!;
  if (total < 1 || total > MAX_SECONDS) throw badUserInput(field, 'must be between one second and thirty days');
  return total;
}
