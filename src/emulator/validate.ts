/**
 * Request validation against the API model's input shapes (generated data, see scripts/generate-emulator-model.ts):
 * required members, string length/pattern/enum, list sizes, numeric ranges and JSON types.
 * Unknown members are ignored, as AWS does.
 *
 * Like AWS (its Coral front end): a request that breaks the model's constraints is answered
 * `ValidationException` (HTTP 400) listing every violation, in AWS's words —
 * "2 validation errors detected: Value 'i-123' at 'workspaceIds.1.member' failed to satisfy
 * constraint: Member must satisfy regular expression pattern: ^ws-…; Value null at …". A member of
 * the wrong JSON type is a `SerializationException`, as AWS answers when it cannot read the body.
 * `InvalidParameterValuesException` stays for the semantic checks the operations make.
 */
import { AwsError } from './errors.js';
import inputModel from './model/workspaces-input-model.json' with { type: 'json' };

interface ShapeDef {
  type: string;
  required?: string[];
  members?: Record<string, string>;
  member?: string;
  key?: string;
  value?: string;
  min?: number;
  max?: number;
  pattern?: string;
  enum?: string[];
  union?: boolean;
}
interface InputModel {
  operations: Record<string, { input?: string; errors: string[] }>;
  shapes: Record<string, ShapeDef>;
}

const model = inputModel as unknown as InputModel;
const patterns = new Map<string, RegExp>();

export const OPERATIONS: readonly string[] = Object.keys(model.operations);

export function isOperation(name: string): boolean {
  return Object.hasOwn(model.operations, name);
}

export function modeledErrors(operation: string): readonly string[] {
  return model.operations[operation]?.errors ?? [];
}

/** A member whose JSON type is wrong: AWS cannot deserialize the request. */
class TypeMismatch extends Error {}

/** Throws ValidationException (constraint violations) or SerializationException (wrong JSON types). */
export function validateInput(operation: string, input: unknown): void {
  const inputShape = model.operations[operation]?.input;
  if (!inputShape) return;
  const violations: string[] = [];
  try {
    check(inputShape, input, '', violations);
  } catch (error) {
    if (error instanceof TypeMismatch) throw new AwsError('SerializationException', error.message);
    throw error;
  }
  if (violations.length === 0) return;
  const count = violations.length === 1 ? '1 validation error detected' : `${violations.length} validation errors detected`;
  throw new AwsError('ValidationException', `${count}: ${violations.join('; ')}`);
}

function check(shapeName: string, value: unknown, path: string, out: string[]): void {
  const shape = model.shapes[shapeName];
  switch (shape.type) {
    case 'structure':
      return checkStructure(shape, value, path, out);
    case 'list':
      return checkList(shape, value, path, out);
    case 'map':
      return checkMap(shape, value, path, out);
    case 'string':
      return checkString(shapeName, shape, value, path, out);
    case 'integer':
    case 'long':
    case 'double':
    case 'float':
      return checkNumber(shape, value, path, out);
    case 'boolean':
      return expectType(typeof value === 'boolean', 'a boolean', path);
    case 'timestamp':
      return expectType(typeof value === 'number' || typeof value === 'string', 'a timestamp', path);
    case 'blob':
      return expectType(typeof value === 'string', 'base64 data', path);
    default:
      return undefined;
  }
}

function expectType(ok: boolean, what: string, path: string): void {
  if (!ok) throw new TypeMismatch(`Cannot deserialize ${path || 'the request body'}: expected ${what}.`);
}

function checkStructure(shape: ShapeDef, value: unknown, path: string, out: string[]): void {
  expectType(typeof value === 'object' && value !== null && !Array.isArray(value), 'an object', path);
  const record = value as Record<string, unknown>;
  for (const name of shape.required ?? []) {
    if (record[name] === undefined || record[name] === null) out.push(violation(null, join(path, name), 'Member must not be null'));
  }
  for (const [name, memberShape] of Object.entries(shape.members ?? {})) {
    const member = record[name];
    if (member === undefined || member === null) continue;
    check(memberShape, member, join(path, name), out);
  }
}

function checkList(shape: ShapeDef, value: unknown, path: string, out: string[]): void {
  expectType(Array.isArray(value), 'a list', path);
  const list = value as unknown[];
  const before = out.length;
  checkLength(list.length, shape, list, path, out);
  if (out.length > before) return; // AWS reports the list, not each item, when its size is wrong
  list.forEach((item, i) => {
    check(shape.member as string, item, `${path}.${i + 1}.member`, out);
  });
}

function checkMap(shape: ShapeDef, value: unknown, path: string, out: string[]): void {
  expectType(typeof value === 'object' && value !== null && !Array.isArray(value), 'a map', path);
  const entries = Object.entries(value as Record<string, unknown>);
  checkLength(entries.length, shape, value, path, out);
  for (const [key, item] of entries) {
    check(shape.key as string, key, `${path}.key`, out);
    check(shape.value as string, item, `${path}.${key}`, out);
  }
}

function checkString(shapeName: string, shape: ShapeDef, value: unknown, path: string, out: string[]): void {
  expectType(typeof value === 'string', 'a string', path);
  const text = value as string;
  if (shape.enum && !shape.enum.includes(text)) out.push(violation(text, path, `Member must satisfy enum value set: [${shape.enum.join(', ')}]`));
  checkLength(text.length, shape, text, path, out);
  if (shape.pattern && !patternOf(shapeName, shape.pattern).test(text))
    out.push(violation(text, path, `Member must satisfy regular expression pattern: ${shape.pattern}`));
}

function checkNumber(shape: ShapeDef, value: unknown, path: string, out: string[]): void {
  expectType(typeof value === 'number' && Number.isFinite(value), 'a number', path);
  const n = value as number;
  if (shape.min !== undefined && n < shape.min) out.push(violation(n, path, `Member must have value greater than or equal to ${shape.min}`));
  if (shape.max !== undefined && n > shape.max) out.push(violation(n, path, `Member must have value less than or equal to ${shape.max}`));
}

function checkLength(size: number, shape: ShapeDef, value: unknown, path: string, out: string[]): void {
  if (shape.min !== undefined && size < shape.min) out.push(violation(value, path, `Member must have length greater than or equal to ${shape.min}`));
  if (shape.max !== undefined && size > shape.max) out.push(violation(value, path, `Member must have length less than or equal to ${shape.max}`));
}

/** One clause of AWS's message: "Value 'x' at 'member.path' failed to satisfy constraint: …". */
function violation(value: unknown, path: string, constraint: string): string {
  return `Value ${render(value)} at '${path}' failed to satisfy constraint: ${constraint}`;
}

function render(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `'${truncate(value)}'`;
  if (Array.isArray(value)) return `'[${truncate(value.map(String).join(', '))}]'`;
  if (typeof value === 'object') return `'{${truncate(Object.keys(value as object).join(', '))}}'`;
  return String(value);
}

function patternOf(shapeName: string, source: string): RegExp {
  let regex = patterns.get(shapeName);
  if (!regex) {
    regex = new RegExp(source);
    patterns.set(shapeName, regex);
  }
  return regex;
}

/** AWS names members lower-camel in these paths (WorkspaceIds → workspaceIds). */
const join = (path: string, name: string): string => {
  const member = name.charAt(0).toLowerCase() + name.slice(1);
  return path ? `${path}.${member}` : member;
};
const truncate = (value: string): string => (value.length > 64 ? `${value.slice(0, 64)}…` : value);
