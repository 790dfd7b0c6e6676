/**
 * ajv (JSON Schema 2020-12) against the wsr/v1 schema; each ajv error becomes one diagnostic with
 * a stable code, a plain-words message and the line/col of the offending key or value.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { specError, type Diagnostic } from './diagnostic.js';
import { suggestion } from './did-you-mean.js';
import { formatPath, type SourceLocator, type SpecPath } from './source-locator.js';
import type { SchemaErrorSite } from './schema-taint.js';
import validateSpec from './spec-validator.generated.js';

/** Compiled at build time (scripts/compile-spec-validator.ts): compiling at run time cost 160–290 ms per run. */
const validate = validateSpec as unknown as ValidateFunction;

export interface SchemaCheck {
  diagnostics: Diagnostic[];
  /** Where the schema found errors, for running the other checks on the rest. */
  sites: SchemaErrorSite[];
}

export function checkSchema(value: unknown, locator: SourceLocator): SchemaCheck {
  if (validate(value)) return { diagnostics: [], sites: [] };
  const errors = validate.errors ?? [];
  return { diagnostics: errors.flatMap((error) => toDiagnostic(error, locator)), sites: errors.map(errorSite) };
}

function errorSite(error: ErrorObject): SchemaErrorSite {
  const path = parsePointer(error.instancePath);
  if (error.keyword === 'additionalProperties') return { path, unknownField: String((error.params as Record<string, unknown>).additionalProperty) };
  return { path };
}

function toDiagnostic(error: ErrorObject, locator: SourceLocator): Diagnostic[] {
  const path = parsePointer(error.instancePath);
  const at = formatPath(path);
  const params = error.params as Record<string, unknown>;
  const schema = (error.parentSchema ?? {}) as Record<string, unknown>;
  if (error.propertyName !== undefined) return [propertyNameDiagnostic(error, path, locator)];
  switch (error.keyword) {
    case 'propertyNames':
      return []; // reported through the nested error, which names the key
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const known = Object.keys((schema.properties as object | undefined) ?? {});
      return [specError('SPEC_UNKNOWN_FIELD', `unknown field "${field}"${suggestion(field, known)}`, locator.key([...path, field]))];
    }
    case 'required': {
      const field = String(params.missingProperty);
      const where = path.length === 0 ? '' : ` in ${at}`;
      return [specError('SPEC_MISSING_FIELD', `missing required field "${field}"${where}`, locator.key(path))];
    }
    case 'type': {
      // YAML reads 123456789012 and 4711 as numbers; the fix is quotes
      const written = locator.writtenText(path) ?? String(error.data);
      const quoteHint = params.type === 'string' && ['number', 'boolean'].includes(typeof error.data) ? ` (quote it: "${written}")` : '';
      return [specError('SPEC_TYPE', `${at} must be ${typeWords(String(params.type))}, not ${describe(error.data)}${quoteHint}`, locator.value(path))];
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const shown = allowed.length > 8 ? `${allowed.slice(0, 8).join(', ')}, …` : allowed.join(', ');
      const given = String(error.data);
      return [specError('SPEC_ENUM', `${at}: "${given}" is not one of ${shown}${suggestion(given, allowed)}`, locator.value(path))];
    }
    case 'const':
      return [specError('SPEC_ENUM', `${at} must be "${String(params.allowedValue)}"`, locator.value(path))];
    case 'pattern':
    case 'format':
      return [specError('SPEC_PATTERN', `${at}: "${String(error.data)}" is not a valid ${String(schema.title ?? 'value')}`, locator.value(path))];
    case 'minLength':
    case 'maxLength':
      return [specError('SPEC_LENGTH', `${at} ${sizeWords(error.keyword, Number(params.limit), 'character')}`, locator.value(path))];
    case 'minimum':
    case 'maximum':
      return [specError('SPEC_RANGE', `${at} must be ${bound(error.keyword)} ${String(params.limit)} (got ${String(error.data)})`, locator.value(path))];
    case 'minItems':
    case 'maxItems':
      return [specError('SPEC_ITEMS', `${at} ${sizeWords(error.keyword, Number(params.limit), 'item')}`, locator.value(path))];
    case 'maxProperties': {
      const code = path[path.length - 1] === 'tags' ? 'SPEC_TAG_LIMIT' : 'SPEC_ITEMS';
      return [specError(code, `${at} has more than ${String(params.limit)} entries`, locator.value(path))];
    }
    case 'uniqueItems': {
      const second = Number(params.i);
      const item = JSON.stringify((error.data as unknown[])[second]);
      return [specError('SPEC_DUPLICATE_ITEM', `${at} lists ${item} twice`, locator.value([...path, second]))];
    }
    default:
      return [specError('SPEC_SCHEMA', `${at} ${error.message ?? 'is invalid'}`, locator.value(path))];
  }
}

/** A map key that breaks the rules for keys (e.g. an image name with a space). */
function propertyNameDiagnostic(error: ErrorObject, path: SpecPath, locator: SourceLocator): Diagnostic {
  const name = String(error.propertyName);
  const schema = (error.parentSchema ?? {}) as Record<string, unknown>;
  const where = locator.key([...path, name]);
  const at = formatPath(path);
  if (error.keyword === 'pattern') return specError('SPEC_PATTERN', `${at}: key "${name}" is not a valid ${String(schema.title ?? 'name')}`, where);
  const limit = Number((error.params as Record<string, unknown>).limit);
  return specError('SPEC_LENGTH', `${at}: key "${name}" ${sizeWords(error.keyword, limit, 'character')}`, where);
}

function parsePointer(pointer: string): SpecPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** `must not be empty`, `must have at most 2 items`, `must be at most 63 characters long`. */
function sizeWords(keyword: string, limit: number, unit: 'character' | 'item'): string {
  if (keyword.startsWith('min') && limit === 1) return 'must not be empty';
  const units = limit === 1 ? unit : `${unit}s`;
  return unit === 'item' ? `must have ${bound(keyword)} ${limit} ${units}` : `must be ${bound(keyword)} ${limit} ${units} long`;
}

function bound(keyword: string): string {
  return keyword.startsWith('min') ? 'at least' : 'at most';
}

function typeWords(type: string): string {
  const words: Record<string, string> = {
    string: 'a string',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
  };
  return type
    .split(',')
    .map((t) => words[t] ?? t)
    .join(' or ');
}

function describe(value: unknown): string {
  if (value === null) return 'null (empty)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}
