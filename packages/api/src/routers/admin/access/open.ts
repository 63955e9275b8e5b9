import { recordOperatorAction } from '../../../audit/record-operator-action';
import { AppError, notFound } from '../../../errors/app-error';
import { platformProcedure } from '../../../trpc';
import { grantSelect, type GrantRow } from './grant';
import { describeGrants, ZGrant } from './grant-view';
import { ZAdminAccessOpenInput } from '../../../schemas/admin';

export const open = platformProcedure
  .input(ZAdminAccessOpenInput)
  .output(ZGrant)
  .mutation(async ({ ctx, input }) => {
    const clinic = await ctx.services.platform.clinic.findUnique({
      where: { id: input.clinicId },
      select: { id: true, status: true, mode: true, schemaName: true, databaseUrlRef: true },
    });
    if (!clinic) throw notFound('Clinic');
    if (clinic.status === 'suspended') {
      throw new AppError('CONFLICT', 'This clinic is suspended: its data cannot be opened.');
    }
    const now = ctx.services.now();
    const expiresAt = new Date(now.getTime() + input.minutes * 60_000);
    // The grant, the clinic's entry (its owners see the access open, with its reason, even if
    // nothing is read) and the platform's, in one transaction.
    const { result: grant } = await recordOperatorAction<GrantRow>(
      ctx,
      clinic,
      {
        action: 'platform.access_opened',
        platformAction: 'clinic.access_open',
        reason: input.reason,
        metadata: (created) => ({
          grantId: created.id,
          expiresAt: expiresAt.toISOString(),
          minutes: input.minutes,
          readOnly: true,
        }),
      },
      (tx) =>
        tx.platformAccessGrant.create({
          data: {
            operatorId: ctx.operator.id,
            targetClinicId: clinic.id,
            reason: input.reason,
            createdAt: now,
            expiresAt,
          },
          select: grantSelect,
        }),
    );
    const [described] = await describeGrants(ctx, [grant!]);
    return described!;
  });
