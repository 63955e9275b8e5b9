import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';

import { recordAudit } from '../../audit/record-audit';
import { AppError } from '../../errors/app-error';
import { ownerProcedure } from '../../trpc';
import { readClinicSettings, type ClinicSettings } from './clinic-settings';
import { ZLocale } from '../../schemas/common';
import { ZSettingsUpdateInput } from '../../schemas/settings';

export const ZClinicSettings = z.object({
  name: z.string(),
  brandColor: z.string().nullable(),
  logoUrl: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  cancellationWindowHours: z.number().int(),
  reminderHoursBefore: z.number().int(),
  timezone: z.string(),
  currency: z.string(),
  noShowKeepsCredit: z.boolean(),
  waitlistHoldMinutes: z.number().int(),
  locale: ZLocale,
});

const inOwnDatabase = () =>
  new AppError(
    'UNPROCESSABLE',
    'This clinic lives in its own database: its settings are changed in the console.',
  );

export const settingsRouter = {
  /** The clinic's profile and rules. */
  get: ownerProcedure.output(ZClinicSettings).query(async ({ ctx }) => {
    const settings = await readClinicSettings(ctx.db, ctx.clinic.id);
    if (!settings) throw inOwnDatabase();
    return settings;
  }),

  /** Changes the fields given; audited with the old and new values. */
  update: ownerProcedure
    .input(ZSettingsUpdateInput)
    .output(ZClinicSettings)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        const before = await readClinicSettings(tx, ctx.clinic.id);
        if (!before) throw inOwnDatabase();
        const after: ClinicSettings = { ...before, ...input };
        // The registry is the platform's: the runtime role may only call this function, which
        // changes these columns of the clinic bound to this transaction (see its migration).
        await tx.$queryRaw`SELECT update_clinic_settings(
          ${after.name}::varchar, ${after.brandColor}::varchar, ${after.logoUrl}::varchar,
          ${after.contactEmail}::varchar, ${after.contactPhone}::varchar, ${after.address}::varchar,
          ${after.cancellationWindowHours}::integer, ${after.reminderHoursBefore}::smallint,
          ${after.timezone}::varchar, ${after.currency}::char(3), ${after.noShowKeepsCredit}::boolean)`;
        if (after.waitlistHoldMinutes !== before.waitlistHoldMinutes) {
          // Its own function (see the series_waitlist migration): one column, the bound clinic.
          await tx.$queryRaw`SELECT update_clinic_waitlist_hold(${after.waitlistHoldMinutes}::smallint)`;
        }
        if (after.locale !== before.locale) {
          await tx.$queryRaw`SELECT set_clinic_locale(${after.locale}::varchar)`;
        }
        const changed = (Object.keys(input) as (keyof ClinicSettings)[]).filter(
          (key) => before[key] !== after[key],
        );
        if (changed.length > 0) {
          await recordAudit(tx, ctx, {
            action: 'settings.update',
            entityType: 'Clinic',
            entityId: ctx.clinic.id,
            metadata: {
              changes: Object.fromEntries(
                changed.map((key) => [key, { from: before[key], to: after[key] }]),
              ),
            },
          });
        }
        return after;
      }),
    ),
} satisfies TRPCRouterRecord;
