/**
 * The spec loader: text → DesiredState plus every diagnostic of the file. `loadSpecText` is pure
 * and never throws; `loadSpecFile` adds the file checks (size cap, UTF-8) and reads the file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { kindDefinition } from '../kinds/index.js';
import type { DesiredState } from '../model/desired.js';
import { checkRules } from './check-rules.js';
import { checkSchema } from './check-schema.js';
import { hasErrors, sortDiagnostics, specError, type Diagnostic } from './diagnostic.js';
import { parseSpecYaml, SPEC_MAX_BYTES } from './parse-spec-yaml.js';
import type { SpecDocument } from './spec-document.js';
import { schemaValidRemainder } from './schema-taint.js';
import { toDesired } from './to-desired.js';
import type { SourceLocator } from './source-locator.js';

export interface SpecLoadResult {
  file: string;
  /** Set iff there are no error diagnostics. */
  desired?: DesiredState;
  diagnostics: Diagnostic[];
}

export const SUPPORTED_API_VERSION = 'wsr/v1';

export function loadSpecText(text: string, file: string): SpecLoadResult {
  try {
    return loadParsed(text, file);
  } catch (error) {
    // a bug here must still come out as one line, never a stack trace
    const message = error instanceof Error ? error.message : String(error);
    return { file, diagnostics: [specError('SPEC_INTERNAL', `could not check the spec: ${message}`, { file, line: 1, col: 1 })] };
  }
}

function loadParsed(text: string, file: string): SpecLoadResult {
  const parsed = parseSpecYaml(text, file);
  if (!parsed.ok) return { file, diagnostics: sortDiagnostics(parsed.diagnostics) };
  const { value, locator } = parsed.parsed;
  const header = checkHeader(value, locator);
  if (header.length > 0) return { file, diagnostics: sortDiagnostics([...parsed.warnings, ...header]) };
  const schema = checkSchema(value, locator);
  if (hasErrors(schema.diagnostics)) {
    // report what the other checks find in the entries the schema accepted, but build nothing
    const remainder = schemaValidRemainder(value, schema.sites);
    const more = remainder ? wholeSpecChecks(remainder.spec, locator, remainder.unresolvable).diagnostics : [];
    return { file, diagnostics: sortDiagnostics([...parsed.warnings, ...schema.diagnostics, ...more]) };
  }
  const { desired, diagnostics: found } = wholeSpecChecks(value as unknown as SpecDocument, locator, new Set());
  const diagnostics = sortDiagnostics([...parsed.warnings, ...found]);
  return hasErrors(diagnostics) ? { file, diagnostics } : { file, desired, diagnostics };
}

function wholeSpecChecks(spec: SpecDocument, locator: SourceLocator, unresolvable: ReadonlySet<string>) {
  const built = toDesired(spec, locator, unresolvable);
  return { desired: built.desired, diagnostics: [...checkRules(spec, locator), ...built.diagnostics] };
}

/** apiVersion and kind first: a different format version gets one clear line, not fifty. */
function checkHeader(value: Record<string, unknown>, locator: SourceLocator): Diagnostic[] {
  const { apiVersion, kind } = value;
  if (apiVersion === undefined) return [specError('SPEC_API_VERSION', `missing apiVersion (expected "${SUPPORTED_API_VERSION}")`, locator.start())];
  if (apiVersion !== SUPPORTED_API_VERSION) {
    return [
      specError(
        'SPEC_API_VERSION',
        `unsupported apiVersion ${JSON.stringify(apiVersion)} (this wsr reads "${SUPPORTED_API_VERSION}")`,
        locator.value(['apiVersion']),
      ),
    ];
  }
  if (kind === undefined) return [specError('SPEC_KIND', 'missing kind (expected "Environment")', locator.start())];
  if (kind !== 'Environment') return [specError('SPEC_KIND', `unsupported kind ${JSON.stringify(kind)} (expected "Environment")`, locator.value(['kind']))];
  return [];
}

export function loadSpecFile(path: string): SpecLoadResult {
  const startOfFile = { file: path, line: 1, col: 1 };
  let bytes: Buffer;
  try {
    const stat = statSync(path);
    // a device or pipe (/dev/zero, a FIFO) could be read forever: only regular files are specs
    if (!stat.isFile()) {
      const reason = stat.isDirectory() ? 'is a directory' : 'not a regular file';
      return { file: path, diagnostics: [specError('SPEC_UNREADABLE', `cannot read spec: ${reason}`, startOfFile)] };
    }
    if (stat.size > SPEC_MAX_BYTES)
      return { file: path, diagnostics: [specError('SPEC_TOO_LARGE', `spec is larger than ${SPEC_MAX_BYTES / 1024 / 1024} MB`, startOfFile)] };
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? 'error'})`;
    return { file: path, diagnostics: [specError('SPEC_UNREADABLE', `cannot read spec: ${reason}`, startOfFile)] };
  }
  if (bytes.includes(0)) return { file: path, diagnostics: [specError('SPEC_BINARY', 'spec is a binary file, not YAML text', startOfFile)] };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { file: path, diagnostics: [specError('SPEC_NOT_UTF8', 'spec is not valid UTF-8 text', startOfFile)] };
  }
  return withFileHashes(loadSpecText(text, path));
}

/**
 * Files next to the spec that a kind's desired state depends on (client branding logos,
 * KindSpec.fileProperty): their sha256 goes into the desired state so a changed file shows in the diff.
 */
function withFileHashes(result: SpecLoadResult): SpecLoadResult {
  if (!result.desired) return result;
  const diagnostics: Diagnostic[] = [];
  const resources = result.desired.resources.map((resource) => {
    const rule = kindDefinition(resource.kind)?.spec.fileProperty;
    const properties = resource.properties as Record<string, unknown>;
    const named = rule === undefined ? undefined : properties[rule.property];
    if (rule === undefined || typeof named !== 'string') return resource;
    const bytes = readReferencedFile(resolve(dirname(result.file), named), rule.maxBytes);
    if (typeof bytes === 'string') {
      diagnostics.push(specError(rule.code, `${rule.what} ${named}: ${bytes}`, resource.source));
      return resource;
    }
    return { ...resource, properties: { ...properties, [rule.hashProperty]: createHash('sha256').update(bytes).digest('hex') } };
  });
  if (diagnostics.length > 0) return { file: result.file, diagnostics: sortDiagnostics([...result.diagnostics, ...diagnostics]) };
  return { ...result, desired: { ...result.desired, resources } };
}

/** The file's bytes, or why they cannot be used. */
function readReferencedFile(path: string, maxBytes: number): Buffer | string {
  try {
    const size = statSync(path).size;
    if (size === 0) return 'file is empty';
    if (size > maxBytes) return `file is larger than ${maxBytes} bytes`;
    return readFileSync(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'cannot read the file';
  }
}
