/**
 * Builders for the wsr/v1 JSON Schema (draft 2020-12), written as code so every property gets a
 * description (editors show it on hover) and `additionalProperties: false` cannot be forgotten.
 * Each builder also carries the TypeScript type of the values it accepts (`SchemaType<typeof x>`),
 * so a kind's schema fragment, its spec types and its required fields are one description.
 * `title` on a constrained string names what it is, for one-line error messages.
 */

declare const VALUE_TYPE: unique symbol;

/** A JSON Schema object; `T` (type-level only, never present at run time) is what it accepts. */
export type Schema<T = unknown> = { readonly [keyword: string]: unknown } & { readonly [VALUE_TYPE]?: T };

/** The TypeScript type of the values a schema accepts. */
export type SchemaType<S> = S extends { readonly [VALUE_TYPE]?: infer T } ? T : never;

type Keywords = Record<string, unknown>;

export function str(description: string, constraints: Keywords = {}): Schema<string> {
  return { type: 'string', description, ...constraints };
}

export function int(description: string, constraints: Keywords = {}): Schema<number> {
  return { type: 'integer', description, ...constraints };
}

export function bool(description: string): Schema<boolean> {
  return { type: 'boolean', description };
}

export function oneOfValues<const V extends readonly string[]>(description: string, values: V): Schema<V[number]> {
  return { type: 'string', description, enum: [...values] };
}

export function list<I extends Schema>(description: string, items: I, constraints: Keywords = {}): Schema<SchemaType<I>[]> {
  return { type: 'array', description, items, ...constraints };
}

type Flatten<T> = { [K in keyof T]: T[K] } & {};

/** Required members as given, the others optional. */
export type ObjectType<P extends Record<string, Schema>, R extends keyof P> = Flatten<
  { [K in R]: SchemaType<P[K]> } & { [K in Exclude<keyof P, R>]?: SchemaType<P[K]> }
>;

/** A closed object: unknown fields are errors at every depth. */
export function obj<P extends Record<string, Schema>, const R extends keyof P & string = never>(
  description: string,
  properties: P,
  required: readonly R[] = [],
): Schema<ObjectType<P, R>> {
  const schema: Keywords = { type: 'object', description, additionalProperties: false, properties };
  if (required.length > 0) schema.required = [...required];
  return schema;
}

/** A map keyed by a user-chosen name. */
export function mapOf<V extends Schema>(description: string, value: V, keyPattern?: Keywords): Schema<Record<string, SchemaType<V>>> {
  const schema: Keywords = { type: 'object', description, additionalProperties: value };
  if (keyPattern) schema.propertyNames = keyPattern;
  return schema;
}

/** A schema written out by hand (a shape the builders cannot say), with the type it accepts. */
export function rawSchema<T>(schema: Keywords): Schema<T> {
  return schema;
}

/** The fields an object schema requires (an error in one of them drops its whole entry). */
export function requiredFields(schema: Schema): readonly string[] {
  const required = schema.required;
  return Array.isArray(required) ? (required as string[]) : [];
}
