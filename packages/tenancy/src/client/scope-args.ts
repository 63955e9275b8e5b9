import { TenancyError } from '../errors';
import { READ_OPERATIONS } from './operations';
import { SCALAR_FIELDS } from './tenant-models';

/**
 * Rewrites one Prisma operation's arguments so it can only touch the bound clinic's rows.
 *
 * - every filter gets `clinicId = <bound>` ANDed at its top level (reads, counts, aggregates,
 *   group-bys, updates, deletes, upserts);
 * - every created row gets `clinicId = <bound>`;
 * - any clinic id the caller wrote anywhere in `where`, `data`, `create` or `update` (including
 *   compound keys such as `clinicId_id` and nested writes) must be the bound one: a different
 *   one is rejected with CROSS_TENANT rather than silently rewritten, so a bug or an attack
 *   surfaces as an error instead of a write to the wrong place.
 */
type Args = Record<string, unknown>;

const FILTERED = new Set([
  ...READ_OPERATIONS,
  'update',
  'updateMany',
  'updateManyAndReturn',
  'upsert',
  'delete',
  'deleteMany',
]);
const CREATING = new Set(['create', 'createMany', 'createManyAndReturn']);
const KNOWN = new Set([...FILTERED, ...CREATING]);

export function scopeArgs(
  model: string,
  operation: string,
  args: Args | undefined,
  clinicId: string,
): Args {
  if (!KNOWN.has(operation)) {
    // An operation this library does not know cannot be proven safe: refuse it.
    throw new TenancyError(
      'CROSS_TENANT',
      `Operation ${model}.${operation} is not supported on tenant data.`,
    );
  }
  const scoped: Args = { ...args };
  for (const key of PAYLOAD_KEYS) {
    const payload = scoped[key];
    if (payload !== undefined && !onlyClinic(payload, clinicId)) {
      throw new TenancyError(
        'CROSS_TENANT',
        `${model}.${operation} ${key} names a clinic other than the bound one.`,
      );
    }
  }
  if (FILTERED.has(operation)) {
    scoped.where = { ...(scoped.where as Args | undefined), clinicId };
  }
  if (CREATING.has(operation)) {
    const data = scoped.data;
    scoped.data = Array.isArray(data)
      ? data.map((row: Args) => ({ ...row, clinicId }))
      : { ...(data as Args), clinicId };
  }
  if (operation === 'upsert') {
    scoped.create = { ...(scoped.create as Args), clinicId };
  }
  return scoped;
}

const PAYLOAD_KEYS = ['where', 'data', 'create', 'update'] as const;

/** Walks a filter or write payload: false if it names any clinic id other than the bound one. */
function onlyClinic(value: unknown, clinicId: string): boolean {
  if (Array.isArray(value)) {
    for (const item of value) if (!onlyClinic(item, clinicId)) return false;
    return true;
  }
  if (!isPlainObject(value)) return true;
  // for…in over a plain object (checked above): no entries array per level on this hot path.
  for (const key in value) {
    const inner = value[key];
    if (key === 'clinicId' && !namesOnly(inner, clinicId)) return false;
    if (!onlyClinic(inner, clinicId)) return false;
  }
  return true;
}

/** `clinicId: <bound>` or `clinicId: { equals: <bound> }`; any other form could widen the match. */
function namesOnly(value: unknown, clinicId: string): boolean {
  if (value === clinicId) return true;
  return isPlainObject(value) && Object.keys(value).length === 1 && value.equals === clinicId;
}

function isPlainObject(value: unknown): value is Args {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Turns a unique filter into a plain one (`{ clinicId_id: { clinicId, id } }` becomes
 * `{ clinicId, id }`), so a findUnique can run as a findFirst (see tenant-client.ts).
 */
export function uniqueToFilter(model: string, where: Args | undefined): Args {
  const filter: Args = {};
  // Compound keys go into AND, so a field named twice must match both times (never one
  // silently overwriting the other).
  let compoundParts: Args[] | undefined;
  for (const key in where) {
    const value = where[key];
    if (isCompoundKey(model, key) && isPlainObject(value)) {
      (compoundParts ??= []).push(value);
    } else {
      filter[key] = value;
    }
  }
  if (compoundParts) {
    const existing =
      filter.AND === undefined ? [] : Array.isArray(filter.AND) ? filter.AND : [filter.AND];
    filter.AND = [...existing, ...compoundParts];
  }
  return filter;
}

/** `model.key` → whether it names a compound key (`clinicId_id`); answers are remembered. */
const compoundKeys = new Map<string, boolean>();

function isCompoundKey(model: string, key: string): boolean {
  const cacheKey = `${model}.${key}`;
  let known = compoundKeys.get(cacheKey);
  if (known === undefined) {
    const fields = SCALAR_FIELDS.get(model) ?? new Set<string>();
    const parts = key.split('_');
    known = !fields.has(key) && parts.length > 1 && parts.every((part) => fields.has(part));
    // Keys come from code, not users, but bound the cache anyway.
    if (compoundKeys.size < 10_000) compoundKeys.set(cacheKey, known);
  }
  return known;
}
