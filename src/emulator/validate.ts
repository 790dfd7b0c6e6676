/**
 * Request validation against the API model's input shapes (generated data, see model/generate.ts):
 * required members, string length/pattern/enum, list sizes, numeric ranges and JSON types.
 * Unknown members are ignored, as AWS does. The first violation names the member path.
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
interface InputModel { operations: Record<string, { input?: string; errors: string[] }>; shapes: Record<string, ShapeDef> }

const model = inputModel as unknown as InputModel;
const patterns = new Map<string, RegExp>();

export const OPERATIONS: readonly string[] = Object.keys(model.operations);

export function isOperation(name: string): boolean {
  return Object.hasOwn(model.operations, name);
}

export function modeledErrors(operation: string): readonly string[] {
  return model.operations[operation]?.errors ?? [];
}

/** Throws the operation's validation error (InvalidParameterValuesException, or ValidationException where only that is modeled). */
export function validateInput(operation: string, input: unknown): void {
  const inputShape = model.operations[operation]?.input;
  if (!inputShape) return;
  const problem = check(inputShape, input, '');
  if (problem) throw validationError(operation, problem);
}

function validationError(operation: string, message: string): AwsError {
  const errors = modeledErrors(operation);
  const type = !errors.includes('InvalidParameterValuesException') && errors.includes('ValidationException') ? 'ValidationException' : 'InvalidParameterValuesException';
  return new AwsError(type, message);
}

function check(shapeName: string, value: unknown, path: string): string | undefined {
  const shape = model.shapes[shapeName];
  const at = path || 'input';
  switch (shape.type) {
    case 'structure': return checkStructure(shape, value, path);
    case 'list': return checkList(shape, value, at, path);
    case 'map': return checkMap(shape, value, at, path);
    case 'string': return checkString(shapeName, shape, value, at);
    case 'integer':
    case 'long':
    case 'double':
    case 'float': return checkNumber(shape, value, at);
    case 'boolean': return typeof value === 'boolean' ? undefined : `${at} must be a boolean`;
    case 'timestamp': return typeof value === 'number' || typeof value === 'string' ? undefined : `${at} must be a timestamp`;
    case 'blob': return typeof value === 'string' ? undefined : `${at} must be base64 data`;
    default: return undefined;
  }
}

function checkStructure(shape: ShapeDef, value: unknown, path: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${path || 'input'} must be an object`;
  const record = value as Record<string, unknown>;
  for (const name of shape.required ?? []) {
    if (record[name] === undefined || record[name] === null) return `${join(path, name)} is required`;
  }
  for (const [name, memberShape] of Object.entries(shape.members ?? {})) {
    const member = record[name];
    if (member === undefined || member === null) continue;
    const problem = check(memberShape, member, join(path, name));
    if (problem) return problem;
  }
  return undefined;
}

function checkList(shape: ShapeDef, value: unknown, at: string, path: string): string | undefined {
  if (!Array.isArray(value)) return `${at} must be a list`;
  const sizeProblem = checkSize(value.length, shape, at, 'items');
  if (sizeProblem) return sizeProblem;
  for (let i = 0; i < value.length; i++) {
    const problem = check(shape.member as string, value[i], `${path}[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

function checkMap(shape: ShapeDef, value: unknown, at: string, path: string): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return `${at} must be a map`;
  const entries = Object.entries(value as Record<string, unknown>);
  const sizeProblem = checkSize(entries.length, shape, at, 'entries');
  if (sizeProblem) return sizeProblem;
  for (const [key, item] of entries) {
    const problem = check(shape.key as string, key, `${path}.<key>`) ?? check(shape.value as string, item, `${path}.${key}`);
    if (problem) return problem;
  }
  return undefined;
}

function checkString(shapeName: string, shape: ShapeDef, value: unknown, at: string): string | undefined {
  if (typeof value !== 'string') return `${at} must be a string`;
  if (shape.enum && !shape.enum.includes(value)) return `${at} must be one of ${shape.enum.join(', ')}`;
  const sizeProblem = checkSize(value.length, shape, at, 'characters');
  if (sizeProblem) return sizeProblem;
  if (shape.pattern && !patternOf(shapeName, shape.pattern).test(value)) return `${at} '${truncate(value)}' does not match ${shape.pattern}`;
  return undefined;
}

function checkNumber(shape: ShapeDef, value: unknown, at: string): string | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return `${at} must be a number`;
  if (shape.min !== undefined && value < shape.min) return `${at} must be at least ${shape.min}`;
  if (shape.max !== undefined && value > shape.max) return `${at} must be at most ${shape.max}`;
  return undefined;
}

function checkSize(size: number, shape: ShapeDef, at: string, unit: string): string | undefined {
  if (shape.min !== undefined && size < shape.min) return `${at} must have at least ${shape.min} ${unit}`;
  if (shape.max !== undefined && size > shape.max) return `${at} must have at most ${shape.max} ${unit}`;
  return undefined;
}

function patternOf(shapeName: string, source: string): RegExp {
  let regex = patterns.get(shapeName);
  if (!regex) {
    regex = new RegExp(source);
    patterns.set(shapeName, regex);
  }
  return regex;
}

const join = (path: string, name: string): string => (path ? `${path}.${name}` : name);
const truncate = (value: string): string => (value.length > 64 ? `${value.slice(0, 64)}…` : value);
