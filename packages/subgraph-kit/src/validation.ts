import { badUserInput } from '@civic/runtime';
import { isValidIdNumber } from './idNumber.js';

/** Every id column is an int4 serial: a larger number names no record and would make the database fail. */
export const MAX_ID = 2_147_483_647;

/** Shown in messages instead of the value when the value itself is the problem (a megabyte, control characters). */
export function quoted(value: string): string {
  return value.length > 40 || CONTROL_CHARACTER.test(value) ? `(${value.length} characters)` : `"${value}"`;
}

/** Input checks that name the offending field, so a client can point at it. */
export function requireId(value: string | number, field: string): number {
  const text = String(value);
  const id = Number(text);
  if (!/^[1-9]\d{0,9}$/.test(text) || id > MAX_ID) throw badUserInput(field, `is not a valid id: ${quoted(text)}; ids are whole numbers from 1 to ${MAX_ID}`);
  return id;
}

/**
 * C0 control characters and DEL, except tab, line feed and carriage return, which free text may hold.
 * NUL in particular cannot be stored in PostgreSQL text at all.
 */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function rejectControlCharacters(value: string, field: string): string {
  const found = CONTROL_CHARACTER.exec(value);
  if (found) {
    const codePoint = `U+${found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    throw badUserInput(field, `must not contain control characters (found ${codePoint} at position ${found.index})`);
  }
  return value;
}

export function requireMaxLength(value: string, field: string, maxLength: number): string {
  if (value.length > maxLength) throw badUserInput(field, `must be at most ${maxLength} characters, got ${value.length}`);
  return value;
}

export function requireText(value: string | undefined | null, field: string, maxLength: number): string {
  const text = rejectControlCharacters(value ?? '', field).trim();
  if (!text) throw badUserInput(field, 'must not be empty');
  return requireMaxLength(text, field, maxLength);
}

export function optionalText(value: string | undefined | null, field: string, maxLength: number): string | null {
  if (value === undefined || value === null || value.trim() === '') return null;
  return requireText(value, field, maxLength);
}

export function requirePhone(value: string, field: string): string {
  const phone = value.replace(/[\s-]/g, '');
  if (!/^\+?\d{5,15}$/.test(phone)) throw badUserInput(field, `is not a phone number: ${quoted(value)}`);
  return phone;
}

export function requireIsoDate(value: string, field: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw badUserInput(field, `must be a date as YYYY-MM-DD, got ${quoted(value)}`);
  }
  return value;
}

export function requireIdNumber(value: string, field: string): string {
  const idNumber = value.trim().toUpperCase();
  if (!isValidIdNumber(idNumber)) throw badUserInput(field, 'is not an 18-character ID number with a valid check digit');
  return idNumber;
}

export function requireGridCode(value: string, field: string): string {
  if (!/^\d{15}$/.test(value)) throw badUserInput(field, `must be a 15-digit grid code, got ${quoted(value)}`);
  return value;
}

export function requirePositiveInt(value: number, field: string, max = 1_000_000_000): number {
  if (!Number.isInteger(value) || value <= 0 || value > max) throw badUserInput(field, `must be a whole number between 1 and ${max}, got ${value}`);
  return value;
}

