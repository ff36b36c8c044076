/**
 * Masking styles: a partial value in the field's own format, so a client's parsing still works.
 * Each style names the GraphQL scalar it applies to; the policy validator checks the pairing.
 */
export interface MaskingStyle {
  description: string;
  appliesTo: 'String';
  mask: (value: string) => string;
  /** A made-up value in the style's format, for previews that must show the effect without real data. */
  example: string;
}

function keepEnds(value: string, head: number, tail: number): string {
  if (value.length <= head + tail) return '*'.repeat(value.length);
  return `${value.slice(0, head)}${'*'.repeat(value.length - head - tail)}${value.slice(value.length - tail)}`;
}

export const MASKING_STYLES: Record<string, MaskingStyle> = {
  idNumber: { description: 'first 6 and last 4 characters, * between', appliesTo: 'String', mask: (v) => keepEnds(v, 6, 4), example: '110101190001010000' },
  phone: { description: 'first 3 and last 4 digits, * between', appliesTo: 'String', mask: (v) => keepEnds(v, 3, 4), example: '13800000000' },
  name: { description: 'family name, * for the given name', appliesTo: 'String', mask: (v) => v.split(' ').map((part, i) => (i === 0 ? part : '*'.repeat(part.length))).join(' '), example: 'Zhang Example' },
  birthYear: { description: 'YYYY-**-**: the year only', appliesTo: 'String', mask: (v) => `${v.slice(0, 4)}-**-**`, example: '1900-01-01' },
  redacted: { description: 'the same number of * characters', appliesTo: 'String', mask: (v) => '*'.repeat(Math.min(v.length, 12)), example: 'Example text' },
};

/** A value a masking style cannot mask: it is refused, never handed out in full. */
export class UnmaskableValue extends Error {
  override name = 'UnmaskableValue';
}

/**
 * Masks a text, or each text of a list, in the given style. Anything else (an unknown style, a number,
 * an object) cannot be masked and throws UnmaskableValue, so enforcement denies it: fail closed.
 */
export function applyMask(style: string, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  const masking = MASKING_STYLES[style];
  if (!masking) throw new UnmaskableValue(`unknown masking style ${style}`);
  if (typeof value === 'string') return masking.mask(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.map((item: string) => masking.mask(item));
  throw new UnmaskableValue(`style ${style} masks text; the value is ${Array.isArray(value) ? 'a list of non-text values' : typeof value}`);
}
