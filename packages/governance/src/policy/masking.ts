/**
 * Masking styles: a partial value in the field's own format, so a client's parsing still works.
 * Each style names the GraphQL scalar it applies to; the policy validator checks the pairing.
 */
export interface MaskingStyle {
  description: string;
  appliesTo: 'String';
  mask: (value: string) => string;
}

function keepEnds(value: string, head: number, tail: number): string {
  if (value.length <= head + tail) return '*'.repeat(value.length);
  return `${value.slice(0, head)}${'*'.repeat(value.length - head - tail)}${value.slice(value.length - tail)}`;
}

export const MASKING_STYLES: Record<string, MaskingStyle> = {
  idNumber: { description: 'first 6 and last 4 characters, * between', appliesTo: 'String', mask: (v) => keepEnds(v, 6, 4) },
  phone: { description: 'first 3 and last 4 digits, * between', appliesTo: 'String', mask: (v) => keepEnds(v, 3, 4) },
  name: { description: 'family name, * for the given name', appliesTo: 'String', mask: (v) => v.split(' ').map((part, i) => (i === 0 ? part : '*'.repeat(part.length))).join(' ') },
  birthYear: { description: 'YYYY-**-**: the year only', appliesTo: 'String', mask: (v) => `${v.slice(0, 4)}-**-**` },
  redacted: { description: 'the same number of * characters', appliesTo: 'String', mask: (v) => '*'.repeat(Math.min(v.length, 12)) },
};

export function applyMask(style: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const masking = MASKING_STYLES[style];
  if (!masking) throw new Error(`unknown masking style ${style}`);
  return masking.mask(String(value));
}
