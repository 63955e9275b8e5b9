import { platformProcedure } from '../../../trpc';
import { ownGrant } from './grant';
import { describeGrants, ZGrant } from './grant-view';
import { ZGrantInput } from './schemas';

export const byId = platformProcedure
  .input(ZGrantInput)
  .output(ZGrant)
  .query(async ({ ctx, input }) => {
    const [described] = await describeGrants(ctx, [
      await ownGrant(ctx.services, ctx.operator.id, input.grantId),
    ]);
    return described!;
  });
