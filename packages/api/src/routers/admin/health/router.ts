import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { notFound } from '../../../errors/app-error';
import { platformProcedure } from '../../../trpc';
import {
  clinicActivity,
  dayWindow,
  mapLimited,
  physicalTables,
  requestCounts,
  type Day,
  type RequestCounts,
} from './figures';

const ZDays = z.number().int().min(1).max(90).default(30);
export const ZClinicHealthInput = z.object({ clinicId: z.uuid(), days: ZDays });
export const ZFleetHealthInput = z.object({ days: ZDays }).prefault({});

const ZDayFigures = z.object({
  day: z.string(),
  reservations: z.number(),
  signIns: z.number(),
  requests: z.number(),
  errors: z.number(),
  serverErrors: z.number(),
});
type DayFigures = z.infer<typeof ZDayFigures>;

const ZTableShare = z.object({ table: z.string(), rows: z.number(), approximateBytes: z.number() });

/** Clinics whose activity the fleet view reads at once (each is a few counting queries). */
const FLEET_CONCURRENCY = 4;

const NO_REQUESTS: RequestCounts = { requests: 0, errors: 0, serverErrors: 0 };

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

function total(figures: DayFigures[]) {
  return figures.reduce(
    (sum, day) => ({
      reservations: sum.reservations + day.reservations,
      signIns: sum.signIns + day.signIns,
      requests: sum.requests + day.requests,
      errors: sum.errors + day.errors,
      serverErrors: sum.serverErrors + day.serverErrors,
    }),
    { reservations: 0, signIns: 0, requests: 0, errors: 0, serverErrors: 0 },
  );
}

/**
 * Per-clinic health, for one clinic and for the fleet: reservations and sign-ins per UTC day
 * (counted in each clinic's own data, with that clinic bound), API calls and errors per day
 * (recorded by the API, see request/request-stats.ts), and table sizes. Counts only; no patient data.
 */
export const adminHealthRouter = {
  clinic: platformProcedure
    .input(ZClinicHealthInput)
    .output(
      z.object({
        clinicId: z.uuid(),
        /** False for a clinic that is not open (suspended, provisioning): API figures only. */
        open: z.boolean(),
        days: z.array(ZDayFigures),
        tables: z.array(ZTableShare),
      }),
    )
    .query(async ({ ctx, input }) => {
      const clinic = await ctx.services.platform.clinic.findUnique({
        where: { id: input.clinicId },
        select: { id: true },
      });
      if (!clinic) throw notFound('Clinic');
      const window = dayWindow(ctx.services.now(), input.days);
      const [activity, requests] = await Promise.all([
        clinicActivity(ctx.services, clinic.id, window, { tables: true }),
        requestCounts(ctx.services, window, clinic.id),
      ]);
      return {
        clinicId: clinic.id,
        open: activity !== null,
        days: series(window.days, activity, requests.get(clinic.id)),
        tables: (activity?.tables ?? []).sort((a, b) => b.approximateBytes - a.approximateBytes),
      };
    }),

  fleet: platformProcedure
    .input(ZFleetHealthInput)
    .output(
      z.object({
        days: z.array(ZDayFigures),
        clinics: z.array(
          z.object({
            id: z.uuid(),
            slug: z.string(),
            name: z.string(),
            mode: z.enum(['shared', 'schema', 'database']),
            open: z.boolean(),
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
      const [requests, tables, activities] = await Promise.all([
        requestCounts(ctx.services, window),
        physicalTables(
          ctx.services,
          clinics.flatMap((clinic) =>
            clinic.mode === 'schema' && clinic.schemaName ? [clinic.schemaName] : [],
          ),
        ),
        mapLimited(clinics, FLEET_CONCURRENCY, (clinic) =>
          clinic.status === 'suspended'
            ? Promise.resolve(null)
            : clinicActivity(ctx.services, clinic.id, window, { tables: false }),
        ),
      ]);
      const perClinic = clinics.map((clinic, index) => {
        const days = series(window.days, activities[index] ?? null, requests.get(clinic.id));
        return { clinic, days, open: activities[index] != null };
      });
      return {
        days: window.days.map((day, index) => {
          const figures = perClinic.map((entry) => entry.days[index]!);
          return { day, ...total(figures) };
        }),
        clinics: perClinic.map(({ clinic, days, open }) => ({
          id: clinic.id,
          slug: clinic.slug,
          name: clinic.name,
          mode: clinic.mode,
          open,
          ...total(days),
        })),
        tables,
      };
    }),
} satisfies TRPCRouterRecord;
