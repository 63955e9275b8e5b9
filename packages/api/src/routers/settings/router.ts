import type { TRPCRouterRecord } from '@trpc/server';
import type { TenantClient } from '@eventora/tenancy';
import { z } from 'zod';

import { recordAudit } from '../../audit/record-audit';
import { ownerProcedure } from '../../trpc';
import { readClinicSettings, registryOf, type ClinicSettings } from './clinic-settings';
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

export const settingsRouter = {
  /** The clinic's profile and rules. */
  get: ownerProcedure
    .output(ZClinicSettings)
    .query(({ ctx }) => readClinicSettings(registryOf(ctx), ctx.clinic.id)),

  /** Changes the fields given; audited with the old and new values. */
  update: ownerProcedure
    .input(ZSettingsUpdateInput)
    .output(ZClinicSettings)
    .mutation(({ ctx, input }) =>
      ctx.db.$transaction(async (tx) => {
        // A clinic in its own database: the registry is in another database, written in its own
        // transaction last, so a refused write there rolls back the audit entry here.
        const ownDatabase = ctx.clinic.mode === 'database';
        const before = await readClinicSettings(registryOf(ctx, tx), ctx.clinic.id);
        const after: ClinicSettings = { ...before, ...input };
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
        if (ownDatabase) {
          const registry = ctx.services.tenants.registryClient();
          await registry.$transaction((rtx) => writeSettings(rtx, before, after));
        } else {
          await writeSettings(tx, before, after);
        }
        return after;
      }),
    ),
} satisfies TRPCRouterRecord;

/**
 * The registry is the platform's: the runtime role may only call these functions, which change
 * these columns of the clinic bound to the transaction (see their migrations).
 */
async function writeSettings(
  db: Pick<TenantClient, '$queryRaw'>,
  before: ClinicSettings,
  after: ClinicSettings,
): Promise<void> {
  await db.$queryRaw`SELECT update_clinic_settings(
    ${after.name}::varchar, ${after.brandColor}::varchar, ${after.logoUrl}::varchar,
    ${after.contactEmail}::varchar, ${after.contactPhone}::varchar, ${after.address}::varchar,
    ${after.cancellationWindowHours}::integer, ${after.reminderHoursBefore}::smallint,
    ${after.timezone}::varchar, ${after.currency}::char(3), ${after.noShowKeepsCredit}::boolean)`;
  if (after.waitlistHoldMinutes !== before.waitlistHoldMinutes) {
    // Its own function (see the series_waitlist migration): one column, the bound clinic.
    await db.$queryRaw`SELECT update_clinic_waitlist_hold(${after.waitlistHoldMinutes}::smallint)`;
  }
  if (after.locale !== before.locale) {
    await db.$queryRaw`SELECT set_clinic_locale(${after.locale}::varchar)`;
  }
}
