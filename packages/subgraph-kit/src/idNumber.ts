const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The check character of a national 18-character resident ID number (GB 11643, ISO 7064 MOD 11-2). */
export function idNumberCheckCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error('an ID number body is 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

export function isValidIdNumber(value: string): boolean {
  return /^\d{17}[\dX]$/.test(value) && idNumberCheckCharacter(value.slice(0, 17)) === value[17];
}

export function buildIdNumber(areaCode: string, birthDate: Date, sequence: number, male: boolean): string {
  const date = birthDate.toISOString().slice(0, 10).replaceAll('-', '');
  const base = Math.floor(sequence % 500) * 2;
  const order = String(male ? base + 1 : base).padStart(3, '0');
  const body = `${areaCode}${date}${order}`;
  return body + idNumberCheckCharacter(body);
}
