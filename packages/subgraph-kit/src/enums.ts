import { registerEnumType } from 'type-graphql';

/** Turns a vocabulary list into an enum object type-graphql can register, and registers it under `name`. */
export function graphqlEnum<const V extends readonly string[]>(values: V, name: string, description: string) {
  const enumObject = Object.fromEntries(values.map((v) => [v, v])) as { [K in V[number]]: K };
  registerEnumType(enumObject, { name, description });
  return enumObject;
}
