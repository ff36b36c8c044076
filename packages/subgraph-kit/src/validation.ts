import { badUserInput } from '@civic/runtime';
import { isValidIdNumber } from './idNumber.js';

/** Input checks that name the offending field, so a client can point at it. */
export function requireId(value: string | number, field: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw badUserInput(field, `is not a valid id: "${value}"`);
  return id;
}

export function requireText(value: string | undefined | null, field: string, maxLength: number): string {
  const text = (value ?? '').trim();
  if (!text) throw badUserInput(field, 'must not be empty');
  if (text.length > maxLength) throw badUserInput(field, `must be at most ${maxLength} characters, got ${text.length}`);
  return text;
}

export function optionalText(value: string | undefined | null, field: string, maxLength: number): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  return requireText(value, field, maxLength);
}

export function requirePhone(value: string, field: string): string {
  const phone = value.replace(/[\s-]/g, '');
  if (!/^\+?\d{5,15}$/.test(phone)) throw badUserInput(field, `is not a phone number: "${value}"`);
  return phone;
}

export function requireIsoDate(value: string, field: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw badUserInput(field, `must be a date as YYYY-MM-DD, got "${value}"`);
  }
  return value;
}

export function requireIdNumber(value: string, field: string): string {
  const idNumber = value.trim().toUpperCase();
  if (!isValidIdNumber(idNumber)) throw badUserInput(field, 'is not an 18-character ID number with a valid check digit');
  return idNumber;
}

export function requireGridCode(value: string, field: string): string {
  if (!/^\d{15}$/.test(value)) throw badUserInput(field, `must be a 15-digit grid code, got "${value}"`);
  return value;
}

export function requirePositiveInt(value: number, field: string, max = 1_000_000_000): number {
  if (!Number.isInteger(value) || value <= 0 || value > max) throw badUserInput(field, `must be a whole number between 1 and ${max}, got ${value}`);
  return value;
}

