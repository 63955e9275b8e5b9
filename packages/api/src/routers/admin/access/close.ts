import {
  recordOperatorAction,
  type PlatformTransaction,
} from '../../../audit/record-operator-action';
import { recordPlatformAudit } from '../../../audit/record-platform-audit';
import { platformProcedure } from '../../../trpc';
import { grantSelect, grantState, ownGrant } from './grant';
import { describeGrants, ZGrant } from './grant-view';
import { ZAdminAccessCloseInput } from '../../../schemas/admin';

export const close = platformProcedure
  .input(ZAdminAccessCloseInput)
  .output(ZGrant)
  .mutation(async ({ ctx, input }) => {
    const grant = await ownGrant(ctx.services, ctx.operator.id, input.grantId);
    if (grantState(grant, ctx.services.now()) !== 'active') {
      // Already over: closing again changes nothing and writes nothing.
      const [described] = await describeGrants(ctx, [grant]);
      return described!;
    }
    const clinic = await ctx.services.platform.clinic.findUnique({
      where: { id: grant.targetClinicId },
      select: { id: true, mode: true, schemaName: true, databaseUrlRef: true },
    });
    const close = (tx: PlatformTransaction) =>
      tx.platformAccessGrant.update({
        where: { id: grant.id },
        data: { closedAt: ctx.services.now() },
        select: grantSelect,
      });
    // A clinic discarded meanwhile has no audit log left; the platform's has the close.
    const closed = clinic
      ? (
          await recordOperatorAction(
            ctx,
            clinic,
            {
              action: 'platform.access_closed',
              platformAction: 'clinic.access_close',
              metadata: { grantId: grant.id },
            },
            close,
          )
        ).result!
      : await ctx.services.platform.$transaction(async (tx) => {
          const row = await close(tx);
          await recordPlatformAudit(ctx.services.platform, ctx, {
            action: 'clinic.access_close',
            clinicId: grant.targetClinicId,
            metadata: { grantId: grant.id },
          });
          return row;
        });
    const [described] = await describeGrants(ctx, [closed]);
    return described!;
  });
