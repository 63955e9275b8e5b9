import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { notFound } from '../../../errors/app-error';
import { platformProcedure } from '../../../trpc';
import {
  clinicActivity,
  dayWindow,
  physicalTables,
  fleetFigures,
  requestCounts,
  rolledUpCalls,
  type Day,
  type FleetTotals,
  type RequestCounts,
} from './figures';
import { ZAdminHealthClinicInput, ZAdminHealthFleetInput } from '../../../schemas/admin';
import { clinicTracesUrl } from './trace-link';

const ZDayFigures = z.object({
  day: z.string(),
  reservations: z.number(),
  signIns: z.number(),
  requests: z.number(),
  errors: z.number(),
  serverErrors: z.number(),
});
type DayFigures = z.infer<typeof ZDayFigures>;

/** A day's latency and error rates from the rollup; null: no calls that day, or not rolled up. */
const ZDayCalls = z.object({
  day: z.string(),
  latencyP95Ms: z.number().nullable(),
  errorRate: z.number().nullable(),
  serverErrorRate: z.number().nullable(),
});

const ZTableShare = z.object({ table: z.string(), rows: z.number(), approximateBytes: z.number() });

const NO_REQUESTS: RequestCounts = { requests: 0, errors: 0, serverErrors: 0 };
const NO_FLEET_TOTALS: FleetTotals & { asOf?: Date | null } = {
  ...NO_REQUESTS,
  reservations: 0,
  signIns: 0,
};
const NO_CALLS = { latencyP95Ms: null, errorRate: null, serverErrorRate: null };

function series(
  days: Day[],
  activity: { reservations: Map<Day, number>; signIns: Map<Day, number> } | null,
  requests: Map<Day, RequestCounts> | undefined,
): DayFigures[] {
  return days.map((day) => ({
    day,
    reservations: activity?.reservations.get(day) ?? 0,
    signIns: activity?.signIns.get(day) ?? 0,
    ...(requests?.get(day) ?? NO_REQUESTS),
  }));
}

/**
 * Per-clinic health, for one clinic and for the fleet: reservations and sign-ins per UTC day,
 * API calls and errors per day (recorded by the API, see request/request-stats.ts), and table
 * sizes; for one clinic also its calls' latency p95 and error rates per day from the rollup, and
 * a link to its traces when a tracing UI is configured. One clinic's figures are counted live in its own data, with it bound; the fleet's come
 * from the daily rollup (`clinic_usage_daily`, written by the worker's usage-rollup schedule),
 * so the fleet view reads one control-plane table instead of every clinic, and says as of when.
 * Counts only; no patient data.
 */
export const adminHealthRouter = {
  clinic: platformProcedure
    .input(ZAdminHealthClinicInput)
    .output(
      z.object({
        clinicId: z.uuid(),
        /** False for a clinic that is not open (suspended, provisioning): API figures only. */
        open: z.boolean(),
        days: z.array(ZDayFigures),
        /** Latency p95 and error rates per day, from the daily rollup (as of `callsAsOf`). */
        calls: z.array(ZDayCalls),
        callsAsOf: z.date().nullable(),
        /** This clinic's traces in the tracing UI (TRACE_UI_URL); null when none is configured. */
        tracesUrl: z.string().nullable(),
        tables: z.array(ZTableShare),
      }),
    )
    .query(async ({ ctx, input }) => {
      const clinic = await ctx.services.platform.clinic.findUnique({
        where: { id: input.clinicId },
        select: { id: true, slug: true },
      });
      if (!clinic) throw notFound('Clinic');
      const window = dayWindow(ctx.services.now(), input.days);
      const [activity, requests, rollup] = await Promise.all([
        clinicActivity(ctx.services, clinic.id, window, { tables: true }),
        requestCounts(ctx.services, window, clinic.id),
        rolledUpCalls(ctx.services, window, clinic.id),
      ]);
      return {
        clinicId: clinic.id,
        open: activity !== null,
        days: series(window.days, activity, requests.get(clinic.id)),
        calls: window.days.map((day) => ({
          day,
          ...(rollup.days.get(day) ?? NO_CALLS),
        })),
        callsAsOf: rollup.asOf,
        tracesUrl: clinicTracesUrl(ctx.services.traceUiUrl, clinic),
        tables: (activity?.tables ?? []).sort((a, b) => b.approximateBytes - a.approximateBytes),
      };
    }),

  fleet: platformProcedure
    .input(ZAdminHealthFleetInput)
    .output(
      z.object({
        /**
         * When the newest rollup in the window was computed (null: none yet). Reservations and
         * sign-ins are as of then; API calls are counted as they happen.
         */
        asOf: z.date().nullable(),
        days: z.array(ZDayFigures),
        clinics: z.array(
          z.object({
            id: z.uuid(),
            slug: z.string(),
            name: z.string(),
            mode: z.enum(['shared', 'schema', 'database']),
            open: z.boolean(),
            /** This clinic's latest rollup in the window (null: never rolled up). */
            asOf: z.date().nullable(),
            reservations: z.number(),
            signIns: z.number(),
            requests: z.number(),
            errors: z.number(),
            serverErrors: z.number(),
          }),
        ),
        tables: z.array(
          z.object({
            schema: z.string(),
            table: z.string(),
            bytes: z.number(),
            estimatedRows: z.number(),
          }),
        ),
      }),
    )
    .query(async ({ ctx, input }) => {
      const window = dayWindow(ctx.services.now(), input.days);
      const clinics = await ctx.services.platform.clinic.findMany({
        select: { id: true, slug: true, name: true, mode: true, status: true, schemaName: true },
        orderBy: { slug: 'asc' },
      });
      const [figures, tables] = await Promise.all([
        fleetFigures(
          ctx.services,
          window,
          clinics.map((clinic) => clinic.id),
        ),
        physicalTables(
          ctx.services,
          clinics.flatMap((clinic) =>
            clinic.mode === 'schema' && clinic.schemaName ? [clinic.schemaName] : [],
          ),
        ),
      ]);
      return {
        asOf: figures.asOf,
        days: window.days.map((day) => ({ day, ...(figures.days.get(day) ?? NO_FLEET_TOTALS) })),
        clinics: clinics.map((clinic) => {
          const { asOf = null, ...totals } = figures.clinics.get(clinic.id) ?? NO_FLEET_TOTALS;
          return {
            id: clinic.id,
            slug: clinic.slug,
            name: clinic.name,
            mode: clinic.mode,
            // A suspended clinic's data is not read, not even by the rollup.
            open: clinic.status !== 'suspended',
            asOf,
            ...totals,
          };
        }),
        tables,
      };
    }),
} satisfies TRPCRouterRecord;
