import { recordInClinicAudit } from '../../../audit/record-in-clinic-audit';
import { recordPlatformAudit } from '../../../audit/record-platform-audit';
import { platformProcedure } from '../../../trpc';
import { grantSelect, grantState, ownGrant } from './grant';
import { describeGrants, ZGrant } from './grant-view';
import { ZGrantInput } from './schemas';

export const close = platformProcedure
  .input(ZGrantInput)
  .output(ZGrant)
  .mutation(async ({ ctx, input }) => {
    const grant = await ownGrant(ctx.services, ctx.operator.id, input.grantId);
    if (grantState(grant, ctx.services.now()) !== 'active') {
      // Already over: closing again changes nothing and writes nothing.
      const [described] = await describeGrants(ctx, [grant]);
      return described!;
    }
    const closed = await ctx.services.platform.platformAccessGrant.update({
      where: { id: grant.id },
      data: { closedAt: ctx.services.now() },
      select: grantSelect,
    });
    await recordPlatformAudit(ctx.services.platform, ctx, {
      action: 'clinic.access_close',
      clinicId: grant.targetClinicId,
      metadata: { grantId: grant.id },
    });
    await recordInClinicAudit(ctx.services, grant.targetClinicId, {
      operatorId: ctx.operator.id,
      action: 'platform.access_closed',
      ip: ctx.request.ip,
      metadata: { grantId: grant.id },
    }).catch(() => {
      // A clinic suspended while the grant was open cannot be written to; the platform audit
      // log has the close.
    });
    const [described] = await describeGrants(ctx, [closed]);
    return described!;
  });
