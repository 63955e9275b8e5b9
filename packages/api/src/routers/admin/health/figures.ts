import { isTenancyError, type TenantClient } from '@eventora/tenancy';

import type { ApiServices } from '../../../services';

/** A UTC day, `2026-11-27`. */
export type Day = string;

export interface DayWindow {
  /** Start of the first day (UTC midnight). */
  since: Date;
  /** Start of the day after the last one. */
  until: Date;
  days: Day[];
}

/** The last `count` UTC days, today included. */
export function dayWindow(now: Date, count: number): DayWindow {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const days: Day[] = [];
  for (let index = count - 1; index >= 0; index -= 1) {
    days.push(new Date(today - index * 86_400_000).toISOString().slice(0, 10));
  }
  return {
    since: new Date(today - (count - 1) * 86_400_000),
    until: new Date(today + 86_400_000),
    days,
  };
}

export interface TableShare {
  table: string;
  /** The clinic's rows in it (counted with the clinic bound: RLS applies). */
  rows: number;
  /** Its rows times the table's bytes per row: exact for a clinic with its own schema. */
  approximateBytes: number;
}

export interface ClinicActivity {
  reservations: Map<Day, number>;
  signIns: Map<Day, number>;
  tables: TableShare[];
}

interface DayCount {
  day: Day;
  count: bigint;
}

interface TableRow {
  table: string;
  rows: bigint;
  table_bytes: bigint;
  estimated_rows: number;
}

const toMap = (rows: DayCount[]) => new Map(rows.map((row) => [row.day, Number(row.count)]));

/**
 * A clinic's activity per UTC day — reservations held (by start, not cancelled) and sign-ins
 * (audit `auth.sign_in`) — and, on request, its share of each tenant table. Counts only, read
 * with the clinic bound like the `clinic_usage` figures: RLS applies and no row leaves the
 * database. Null when the clinic is not open (suspended or still provisioning).
 */
export async function clinicActivity(
  services: Pick<ApiServices, 'tenants'>,
  clinicId: string,
  window: DayWindow,
  options: { tables: boolean },
): Promise<ClinicActivity | null> {
  try {
    return await services.tenants.withClinic(clinicId, (db) => countActivity(db, window, options));
  } catch (error) {
    if (isTenancyError(error) && error.code === 'CLINIC_NOT_FOUND') return null;
    throw error;
  }
}

/** clinicActivity's counts through a tenant client already bound to the clinic (a job's). */
export async function countActivity(
  db: TenantClient,
  window: DayWindow,
  options: { tables: boolean },
): Promise<ClinicActivity> {
  const reservations = await db.$queryRaw<DayCount[]>`
    SELECT to_char("starts_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "day", count(*) AS "count"
      FROM "reservations"
     WHERE "starts_at" >= ${window.since} AND "starts_at" < ${window.until}
       AND "status" <> 'cancelled'
     GROUP BY 1`;
  const signIns = await db.$queryRaw<DayCount[]>`
    SELECT to_char("created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "day", count(*) AS "count"
      FROM "audit_logs"
     WHERE "action" = 'auth.sign_in'
       AND "created_at" >= ${window.since} AND "created_at" < ${window.until}
     GROUP BY 1`;
  // Every table of the clinic's schema with a clinic_id (tenant tables, future ones too),
  // counted with the clinic bound; query_to_xml runs each count as this role, under RLS.
  const tables = options.tables
    ? await db.$queryRaw<TableRow[]>`
        SELECT c.relname AS "table",
               (xpath('/row/n/text()', query_to_xml(
                  format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname),
                  false, true, '')))[1]::text::bigint AS "rows",
               pg_total_relation_size(c.oid)::bigint AS "table_bytes",
               greatest(c.reltuples, 0)::float8 AS "estimated_rows"
          FROM pg_class c
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
           AND has_table_privilege(c.oid, 'SELECT')
           AND EXISTS (SELECT 1 FROM pg_attribute a
                        WHERE a.attrelid = c.oid AND a.attname = 'clinic_id' AND NOT a.attisdropped)
         ORDER BY 1`
    : [];
  return {
    reservations: toMap(reservations),
    signIns: toMap(signIns),
    tables: tables.map((row) => {
      const rows = Number(row.rows);
      const bytes = Number(row.table_bytes);
      const perRow = bytes / Math.max(row.estimated_rows, rows, 1);
      return { table: row.table, rows, approximateBytes: Math.round(rows * perRow) };
    }),
  };
}

export interface RequestCounts {
  requests: number;
  errors: number;
  serverErrors: number;
}

/** API calls per clinic and UTC day, from the control-plane table the recorder fills. */
export async function requestCounts(
  services: ApiServices,
  window: DayWindow,
  clinicId?: string,
): Promise<Map<string, Map<Day, RequestCounts>>> {
  const rows = await services.platform.apiRequestStat.groupBy({
    by: ['targetClinicId', 'day'],
    where: {
      day: { gte: window.since, lt: window.until },
      ...(clinicId ? { targetClinicId: clinicId } : {}),
    },
    _sum: { requests: true, errors: true, serverErrors: true },
  });
  const byClinic = new Map<string, Map<Day, RequestCounts>>();
  for (const row of rows) {
    let days = byClinic.get(row.targetClinicId);
    if (!days) {
      days = new Map();
      byClinic.set(row.targetClinicId, days);
    }
    days.set(row.day.toISOString().slice(0, 10), {
      requests: Number(row._sum.requests ?? 0),
      errors: Number(row._sum.errors ?? 0),
      serverErrors: Number(row._sum.serverErrors ?? 0),
    });
  }
  return byClinic;
}

export interface PhysicalTable {
  schema: string;
  table: string;
  bytes: number;
  estimatedRows: number;
}

/**
 * On-disk sizes of the shared database's tables and of each clinic schema's, from the catalog
 * (no table is read). Database-mode clinics live elsewhere: their figures come from their usage.
 */
export async function physicalTables(
  services: ApiServices,
  schemas: string[],
): Promise<PhysicalTable[]> {
  const rows = await services.platform.$queryRawUnsafe<
    { schema: string; table: string; bytes: bigint; estimated_rows: number }[]
  >(
    `SELECT n.nspname AS "schema", c.relname AS "table",
            pg_total_relation_size(c.oid)::bigint AS "bytes",
            greatest(c.reltuples, 0)::float8 AS "estimated_rows"
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p')
        AND (n.nspname = current_schema() OR n.nspname = ANY($1::text[]))
      ORDER BY 3 DESC`,
    schemas,
  );
  return rows.map((row) => ({
    schema: row.schema,
    table: row.table,
    bytes: Number(row.bytes),
    estimatedRows: Math.round(row.estimated_rows),
  }));
}

export interface FleetTotals {
  reservations: number;
  signIns: number;
  requests: number;
  errors: number;
  serverErrors: number;
}

export interface FleetFigures {
  /** Each clinic's totals over the window, and when its newest rollup in it was computed. */
  clinics: Map<string, FleetTotals & { asOf: Date | null }>;
  /** The fleet's totals per UTC day (clinics of the registry only). */
  days: Map<Day, FleetTotals>;
  /** When the newest rollup in the window was computed (null: none yet). */
  asOf: Date | null;
}

const NO_TOTALS: FleetTotals = {
  reservations: 0,
  signIns: 0,
  requests: 0,
  errors: 0,
  serverErrors: 0,
};

/**
 * The fleet's figures for the console's Health page, added up by the database: reservations and
 * sign-ins from the daily rollup (`clinic_usage_daily`, one control-plane table the worker fills
 * per clinic, see jobs/clinic-tasks.ts rollUpUsage) and API calls from `api_request_stats`, per
 * clinic and per day. Four grouped reads whatever the window, about one row per clinic and one
 * per day come back (reading every clinic's every day took seconds at 1,000 clinics, see
 * docs/performance.md); no clinic's own data is read.
 */
export async function fleetFigures(
  services: Pick<ApiServices, 'platform'>,
  window: DayWindow,
  clinicIds: string[],
): Promise<FleetFigures> {
  const where = { day: { gte: window.since, lt: window.until }, targetClinicId: { in: clinicIds } };
  const [usageByClinic, usageByDay, callsByClinic, callsByDay] = await Promise.all([
    services.platform.clinicUsageDaily.groupBy({
      by: ['targetClinicId'],
      where,
      _sum: { reservations: true, signIns: true },
      _max: { computedAt: true },
    }),
    services.platform.clinicUsageDaily.groupBy({
      by: ['day'],
      where,
      _sum: { reservations: true, signIns: true },
    }),
    services.platform.apiRequestStat.groupBy({
      by: ['targetClinicId'],
      where,
      _sum: { requests: true, errors: true, serverErrors: true },
    }),
    services.platform.apiRequestStat.groupBy({
      by: ['day'],
      where,
      _sum: { requests: true, errors: true, serverErrors: true },
    }),
  ]);
  const clinics = new Map<string, FleetTotals & { asOf: Date | null }>();
  const clinicEntry = (id: string) => {
    let entry = clinics.get(id);
    if (!entry) {
      entry = { ...NO_TOTALS, asOf: null };
      clinics.set(id, entry);
    }
    return entry;
  };
  const days = new Map<Day, FleetTotals>();
  const dayEntry = (date: Date) => {
    const day = date.toISOString().slice(0, 10);
    let entry = days.get(day);
    if (!entry) {
      entry = { ...NO_TOTALS };
      days.set(day, entry);
    }
    return entry;
  };
  let asOf: Date | null = null;
  for (const row of usageByClinic) {
    const entry = clinicEntry(row.targetClinicId);
    entry.reservations = row._sum.reservations ?? 0;
    entry.signIns = row._sum.signIns ?? 0;
    entry.asOf = row._max.computedAt;
    if (entry.asOf && (!asOf || entry.asOf > asOf)) asOf = entry.asOf;
  }
  for (const row of usageByDay) {
    const entry = dayEntry(row.day);
    entry.reservations = row._sum.reservations ?? 0;
    entry.signIns = row._sum.signIns ?? 0;
  }
  for (const row of callsByClinic) {
    Object.assign(clinicEntry(row.targetClinicId), callCounts(row._sum));
  }
  for (const row of callsByDay) Object.assign(dayEntry(row.day), callCounts(row._sum));
  return { clinics, days, asOf };
}

function callCounts(sum: {
  requests: bigint | null;
  errors: bigint | null;
  serverErrors: bigint | null;
}): RequestCounts {
  return {
    requests: Number(sum.requests ?? 0),
    errors: Number(sum.errors ?? 0),
    serverErrors: Number(sum.serverErrors ?? 0),
  };
}

export interface RolledUpCalls {
  /** The day's 95th percentile call latency in ms (null: no calls). */
  latencyP95Ms: number | null;
  /** Failed calls (refused input included) per call (null: no calls). */
  errorRate: number | null;
  /** Server errors (5xx) per call (null: no calls). */
  serverErrorRate: number | null;
}

/**
 * One clinic's call latency and error rates per UTC day, from the daily rollup
 * (`clinic_usage_daily`, see jobs/clinic-tasks.ts rollUpUsage), and when they were computed.
 * Days not rolled up yet are absent.
 */
export async function rolledUpCalls(
  services: Pick<ApiServices, 'platform'>,
  window: DayWindow,
  clinicId: string,
): Promise<{ days: Map<Day, RolledUpCalls>; asOf: Date | null }> {
  const rows = await services.platform.clinicUsageDaily.findMany({
    where: { targetClinicId: clinicId, day: { gte: window.since, lt: window.until } },
    select: {
      day: true,
      apiRequests: true,
      apiErrors: true,
      apiServerErrors: true,
      latencyP95Ms: true,
      computedAt: true,
    },
  });
  const days = new Map<Day, RolledUpCalls>();
  let asOf: Date | null = null;
  for (const row of rows) {
    const calls = Number(row.apiRequests);
    days.set(row.day.toISOString().slice(0, 10), {
      latencyP95Ms: calls > 0 ? row.latencyP95Ms : null,
      errorRate: calls > 0 ? Number(row.apiErrors) / calls : null,
      serverErrorRate: calls > 0 ? Number(row.apiServerErrors) / calls : null,
    });
    if (!asOf || row.computedAt > asOf) asOf = row.computedAt;
  }
  return { days, asOf };
}
