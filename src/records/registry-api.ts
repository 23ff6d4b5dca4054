import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/**
 * The registry API as its OpenAPI 3.1 document (`registry-api.yaml`) says it, for both sides:
 * the routes (method, path template, operation id) and a validator for every request body,
 * path or header parameter and response, compiled by Ajv (JSON Schema 2020-12, the dialect of
 * OpenAPI 3.1) straight from the document's schemas. Nothing here is written twice: change the
 * document, and the client, the server and the generated types (registry-api.types.ts) follow.
 */
export const REGISTRY_API_FILE = join(import.meta.dirname, 'registry-api.yaml');

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface Validator {
  /** True when `value` fits; otherwise `problems` says where (paths and keywords only, never the values). */
  (value: unknown): boolean;
  readonly problems: () => string[];
}

export interface Operation {
  readonly operationId: string;
  readonly method: 'GET' | 'POST';
  /** The path template, e.g. `/residents/{nik}`. */
  readonly path: string;
  /** Matches a request path (without the base); captures the path parameters by name. */
  readonly pattern: RegExp;
  readonly pathParams: Readonly<Record<string, Validator>>;
  readonly headers: Readonly<Record<string, Validator>>;
  readonly body: Validator | null;
  /** Per status code ('200', ...), and `default` for every other status. */
  readonly responses: Readonly<Record<string, Validator>>;
}

export interface RegistryApi {
  readonly document: JsonObject;
  readonly operations: ReadonlyMap<string, Operation>;
  operation(operationId: string): Operation;
  /** The operation a method and path (relative to the base) ask for, with its path parameters. */
  route(method: string, path: string): { operation: Operation; params: Record<string, string> } | null;
  /** A validator for a named schema of `components.schemas`. */
  schema(name: string): Validator;
}

const SCHEMA_ID = 'adm-registry-api';
const COMPONENT_REF = '#/components/schemas/';

const text = (value: Json | undefined): string => (typeof value === 'string' ? value : JSON.stringify(value ?? null));

/** The document's `$ref`s to its components, pointed at the same schemas under `$defs` of one Ajv schema. */
function relink(node: Json): Json {
  if (Array.isArray(node)) return node.map(relink);
  if (node === null || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith(COMPONENT_REF) ? `${SCHEMA_ID}#/$defs/${value.slice(COMPONENT_REF.length)}` : relink(value);
  }
  return out;
}

function asObject(value: Json | undefined, where: string): JsonObject {
  if (value === null || value === undefined || typeof value !== 'object' || Array.isArray(value)) throw new Error(`registry-api.yaml: ${where} is not an object`);
  return value;
}

function describe(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 8).map((e) => `${e.instancePath === '' ? '(body)' : e.instancePath} ${e.keyword}${e.keyword === 'additionalProperties' ? ` ${String((e.params as { additionalProperty?: string }).additionalProperty)}` : ''}`);
}

function loadApi(file: string): RegistryApi {
  const document = asObject(parse(readFileSync(file, 'utf8')) as Json, 'the document');
  const components = asObject(document['components'], 'components');
  const schemas = asObject(components['schemas'], 'components.schemas');
  const responses = asObject(components['responses'] ?? {}, 'components.responses');
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
  const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
  addFormats(ajv);
  ajv.addSchema({ $id: SCHEMA_ID, $defs: relink(schemas) });

  const compile = (schema: Json): Validator => {
    const validate: ValidateFunction = ajv.compile(relink(schema) as object);
    const check = ((value: unknown) => validate(value)) as Validator;
    Object.defineProperty(check, 'problems', { value: () => describe(validate.errors) });
    return check;
  };
  const jsonSchemaOf = (content: Json | undefined, where: string): Json => asObject(asObject(asObject(content, `${where}.content`)['application/json'], `${where} application/json`)['schema'], `${where} schema`);
  const deref = (node: Json | undefined, where: string): JsonObject => {
    const object = asObject(node, where);
    const ref = object['$ref'];
    return typeof ref === 'string' && ref.startsWith('#/components/responses/') ? asObject(responses[ref.slice('#/components/responses/'.length)], ref) : object;
  };

  const operations = new Map<string, Operation>();
  for (const [path, item] of Object.entries(asObject(document['paths'], 'paths'))) {
    for (const [method, raw] of Object.entries(asObject(item, path))) {
      const op = asObject(raw, `${method} ${path}`);
      const operationId = text(op['operationId']);
      const pathParams: Record<string, Validator> = {};
      const headers: Record<string, Validator> = {};
      for (const parameter of (op['parameters'] ?? []) as Json[]) {
        const p = asObject(parameter, `${operationId} parameter`);
        const target = p['in'] === 'path' ? pathParams : p['in'] === 'header' ? headers : null;
        if (target === null) throw new Error(`registry-api.yaml: ${operationId} has a parameter in ${text(p['in'])}, which this code does not read`);
        target[text(p['name'])] = compile(asObject(p['schema'], `${operationId} parameter schema`));
      }
      const requestBody = op['requestBody'];
      const body = requestBody === undefined ? null : compile(jsonSchemaOf(asObject(requestBody, `${operationId} requestBody`)['content'], `${operationId} requestBody`));
      const compiled: Record<string, Validator> = {};
      for (const [status, response] of Object.entries(asObject(op['responses'], `${operationId} responses`))) {
        compiled[status] = compile(jsonSchemaOf(deref(response, `${operationId} ${status}`)['content'], `${operationId} ${status}`));
      }
      const names: string[] = [];
      const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_whole, name: string) => {
        names.push(name);
        return `(?<${name}>[^/]+)`;
      });
      operations.set(operationId, {
        operationId,
        method: method.toUpperCase() as Operation['method'],
        path,
        pattern: new RegExp(`^${source}$`),
        pathParams,
        headers,
        body,
        responses: compiled,
      });
    }
  }

  const schemaCache = new Map<string, Validator>();
  return {
    document,
    operations,
    operation(operationId) {
      const op = operations.get(operationId);
      if (op === undefined) throw new Error(`registry-api.yaml has no operation ${operationId}`);
      return op;
    },
    route(method, path) {
      for (const op of operations.values()) {
        if (op.method !== method.toUpperCase()) continue;
        const match = op.pattern.exec(path);
        if (match === null) continue;
        const params: Record<string, string> = {};
        for (const [name, value] of Object.entries(match.groups ?? {})) params[name] = decodeURIComponent(value);
        return { operation: op, params };
      }
      return null;
    },
    schema(name) {
      let validator = schemaCache.get(name);
      if (validator === undefined) {
        if (schemas[name] === undefined) throw new Error(`registry-api.yaml has no schema ${name}`);
        validator = compile({ $ref: `${COMPONENT_REF}${name}` });
        schemaCache.set(name, validator);
      }
      return validator;
    },
  };
}

let cached: RegistryApi | null = null;

/** The registry API, loaded and compiled once per process. */
export function registryApi(): RegistryApi {
  cached ??= loadApi(REGISTRY_API_FILE);
  return cached;
}

/** The validator of an operation's response with this status (or its `default`), or null when the document has none. */
export function responseValidator(operation: Operation, status: number): Validator | null {
  return operation.responses[String(status)] ?? operation.responses['default'] ?? null;
}
