import { platformProcedure } from '../../../trpc';
import { ownGrant } from './grant';
import { describeGrants, ZGrant } from './grant-view';
import { ZAdminAccessByIdInput } from '../../../schemas/admin';

export const byId = platformProcedure
  .input(ZAdminAccessByIdInput)
  .output(ZGrant)
  .query(async ({ ctx, input }) => {
    const [described] = await describeGrants(ctx, [
      await ownGrant(ctx.services, ctx.operator.id, input.grantId),
    ]);
    return described!;
  });
