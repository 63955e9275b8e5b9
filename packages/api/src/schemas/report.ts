import { z } from 'zod';

const ZDay = z.iso.date('A date like 2027-03-08.');

/** The longest range a report covers: a little over a year (a leap year and a spare day). */
export const REPORT_MAX_DAYS = 367;

/**
 * A report's range: local dates on the clinic's calendar, both ends included, grouped by day
 * or by week (weeks start on Monday).
 */
export const ZReportSummaryInput = z
  .object({
    from: ZDay,
    to: ZDay,
    groupBy: z.enum(['day', 'week']).default('day'),
  })
  .refine((input) => input.from <= input.to, {
    message: 'The end comes before the start.',
    path: ['to'],
  })
  .refine((input) => Date.parse(input.to) - Date.parse(input.from) < REPORT_MAX_DAYS * 86_400_000, {
    message: 'At most a year at a time.',
    path: ['to'],
  });

/** The same figures as a CSV file. */
export const ZReportCsvInput = ZReportSummaryInput;

export type ReportRange = z.infer<typeof ZReportSummaryInput>;
