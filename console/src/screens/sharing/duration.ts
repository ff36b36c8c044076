/** Durations as the console asks for them (an amount of minutes, hours or days) and as the graph takes them (ISO 8601). */
export type DurationUnit = 'minutes' | 'hours' | 'days';

export interface DurationChoice {
  amount: number;
  unit: DurationUnit;
}

const SECONDS: Record<DurationUnit, number> = { minutes: 60, hours: 3600, days: 86_400 };

export const DURATION_UNITS = Object.keys(SECONDS) as DurationUnit[];

export function toIsoDuration({ amount, unit }: DurationChoice): string {
  if (unit === 'days') return `P${amount}D`;
  return unit === 'hours' ? `PT${amount}H` : `PT${amount}M`;
}

export const secondsOf = ({ amount, unit }: DurationChoice): number => amount * SECONDS[unit];

/** The largest unit that states `seconds` exactly, rounding up to whole minutes otherwise. */
export function choiceOf(seconds: number): DurationChoice {
  if (seconds % SECONDS.days === 0) return { amount: seconds / SECONDS.days, unit: 'days' };
  if (seconds % SECONDS.hours === 0) return { amount: seconds / SECONDS.hours, unit: 'hours' };
  return { amount: Math.ceil(seconds / SECONDS.minutes), unit: 'minutes' };
}

/** A span as "2d 03:04:05" or "03:04:05", the same in both languages. */
export function formatSpan(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(seconds / 86_400);
  const clock = [Math.floor((seconds % 86_400) / 3600), Math.floor((seconds % 3600) / 60), seconds % 60].map((part) => String(part).padStart(2, '0')).join(':');
  return days ? `${days}d ${clock}` : clock;
}
