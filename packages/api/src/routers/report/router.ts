import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { TenantClient } from '@eventora/tenancy';

import type { ApiServices } from '../../services';
import { ownerProcedure } from '../../trpc';
import { readClinicSettings, registryOf } from '../settings/clinic-settings';
import { ZReportCsvInput, ZReportSummaryInput, type ReportRange } from '../../schemas/report';
import { computeReport } from './compute-report';
import { reportCsv, reportFileName } from './report-csv';

const ZUtilisation = z.object({
  id: z.uuid(),
  name: z.string(),
  bookedMinutes: z.number(),
  availableMinutes: z.number(),
  rate: z.number().nullable(),
});

const ZCounts = z.object({
  booked: z.number().int(),
  completed: z.number().int(),
  noShow: z.number().int(),
  cancelled: z.number().int(),
});

export const ZReport = z.object({
  range: z.object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(['day', 'week']),
    timeZone: z.string(),
  }),
  bookings: z.object({
    buckets: z.array(ZCounts.extend({ start: z.string() })),
    totals: ZCounts.extend({ all: z.number().int() }),
  }),
  rates: z.object({ cancellation: z.number().nullable(), noShow: z.number().nullable() }),
  utilisation: z.object({ therapists: z.array(ZUtilisation), branches: z.array(ZUtilisation) }),
  packages: z.object({
    sales: z.array(
      z.object({
        packageId: z.uuid(),
        name: z.string(),
        currency: z.string(),
        sold: z.number().int(),
        boughtOnline: z.number().int(),
        onlineCents: z.number(),
      }),
    ),
    creditsOutstanding: z.number().int(),
    packagesWithCredits: z.number().int(),
  }),
  revenue: z.array(
    z.object({
      method: z.enum(['cash', 'card_terminal', 'transfer', 'stripe']),
      currency: z.string(),
      amountCents: z.number(),
      count: z.number().int(),
    }),
  ),
});

interface ReportContext {
  db: TenantClient;
  clinic: { id: string; mode: string };
  services: Pick<ApiServices, 'now' | 'tenants'>;
}

/**
 * The clinic is the session's, never the input's; the range is read on the clinic's calendar
 * (its time zone from settings).
 */
async function reportFor(ctx: ReportContext, range: ReportRange) {
  const settings = await readClinicSettings(registryOf(ctx), ctx.clinic.id);
  return computeReport(ctx.db, ctx.clinic.id, range, {
    timeZone: settings.timezone,
    now: ctx.services.now(),
  });
}

/**
 * Owners' reports. Owners only: revenue and every therapist's utilisation are business
 * figures that front-desk staff and therapists do not need for their work (minimum necessary).
 */
export const reportRouter = {
  /** Bookings, utilisation, no-show and cancellation rates, package sales and revenue. */
  summary: ownerProcedure
    .input(ZReportSummaryInput)
    .output(ZReport)
    .query(({ ctx, input }) => reportFor(ctx, input)),

  /** The same figures as a CSV file (UTF-8 with a byte order mark, for Excel). */
  csv: ownerProcedure
    .input(ZReportCsvInput)
    .output(z.object({ fileName: z.string(), content: z.string() }))
    .query(async ({ ctx, input }) => {
      const report = await reportFor(ctx, input);
      return { fileName: reportFileName(report), content: reportCsv(report) };
    }),
} satisfies TRPCRouterRecord;
