// fast-check arbitraries built from the reference OpenAPI schemas: values shaped like Pipedrive's
// answers, where any field may also arrive as null, as another JSON type, or nested absurdly deep.
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';

type Schema = Record<string, unknown>;

const SPEC_DIR = '/work/shared/pipedrive';

export function loadSpec(file: string): Schema {
  return JSON.parse(fs.readFileSync(path.join(SPEC_DIR, file), 'utf8')) as Schema;
}

/** `count` arrays nested in each other, around `inner`: what made plainText overflow the stack. */
export function deepNest(count: number, inner: unknown = 'x'): unknown {
  let v: unknown = inner;
  for (let i = 0; i < count; i++) v = i % 2 ? [v] : { value: v };
  return v;
}

/** The schema of the `data` of a path's 200 answer (items of it when it is a list). */
export function responseItemSchema(spec: Schema, route: string, method = 'get'): Schema {
  const op = ((spec.paths as Schema)[route] as Schema)[method] as Schema;
  const body = ((((op.responses as Schema)['200'] as Schema).content as Schema)['application/json'] as Schema).schema as Schema;
  const data = (props(spec, body).data ?? {}) as Schema;
  const resolved = resolve(spec, data);
  return resolved.type === 'array' ? resolve(spec, (resolved.items ?? {}) as Schema) : resolved;
}

function resolve(spec: Schema, s: Schema): Schema {
  let out = s;
  for (let i = 0; i < 10 && typeof out.$ref === 'string'; i++) {
    const parts = (out.$ref as string).replace(/^#\//, '').split('/');
    out = parts.reduce<Schema>((o, k) => (o[k] ?? {}) as Schema, spec);
  }
  return out;
}

/** Properties of an object schema, allOf/oneOf/anyOf merged. */
function props(spec: Schema, s: Schema): Record<string, Schema> {
  const r = resolve(spec, s);
  const out: Record<string, Schema> = { ...((r.properties ?? {}) as Record<string, Schema>) };
  for (const key of ['allOf', 'anyOf', 'oneOf']) for (const part of (r[key] as Schema[] | undefined) ?? []) Object.assign(out, props(spec, part));
  return out;
}

const wrongType = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -5, max: 2 ** 40 }),
  fc.double(),
  fc.string({ maxLength: 6 }),
  fc.boolean(),
  fc.constant([null]),
  fc.constant({}),
  fc.constant('\u202Eevil\u200B'),
  fc.jsonValue({ maxDepth: 3 }),
);

/** An arbitrary for a schema: valid values mostly, each field swapped for a wrong type or null now and then. */
export function arbitraryFor(spec: Schema, schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(spec, schema);
  const valid = validFor(spec, s, depth);
  return fc.oneof({ arbitrary: valid, weight: 5 }, { arbitrary: wrongType, weight: 1 }, { arbitrary: fc.constant(undefined), weight: 1 });
}

function validFor(spec: Schema, s: Schema, depth: number): fc.Arbitrary<unknown> {
  if (Array.isArray(s.enum) && s.enum.length) return fc.constantFrom(...(s.enum as unknown[]));
  const p = props(spec, s);
  const type = s.type ?? (Object.keys(p).length ? 'object' : undefined);
  if (depth > 4) return wrongType;
  switch (type) {
    case 'integer':
      return fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.integer());
    case 'number':
      return fc.double({ noNaN: false });
    case 'boolean':
      return fc.boolean();
    case 'string':
      return fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('2024-02-29 10:20:30', '2024-02-29T10:20:30Z', 'acme.com', 'https://acme.example', ''));
    case 'array':
      return fc.array(arbitraryFor(spec, (s.items ?? {}) as Schema, depth + 1), { maxLength: 3 });
    case 'object': {
      const shape: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(p)) shape[k] = arbitraryFor(spec, v, depth + 1);
      return fc.record(shape, { requiredKeys: [] });
    }
  }
  return wrongType;
}

/** A list answer's records: records from the schema, plus entries that are not records at all. */
export function listOf(record: fc.Arbitrary<unknown>): fc.Arbitrary<unknown[]> {
  return fc.array(fc.oneof({ arbitrary: record, weight: 6 }, { arbitrary: wrongType, weight: 1 }), { maxLength: 6 });
}
