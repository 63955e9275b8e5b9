import { moveActivity, type MoveRecord } from '@eventora/tenancy/moves';

import { platformProcedure } from '../../../trpc';
import { registryRow } from '../clinic/registry';
import { liveRowsOf, moveOptions } from './move-services';
import { toMoveView } from './move-view';
import { ZMoveStatus } from './schemas';
import { ZAdminMoveStatusInput } from '../../../schemas/admin';

/** The clinic's move in flight (with live per-table rows), its history, and if it can roll back. */
export const status = platformProcedure
  .input(ZAdminMoveStatusInput)
  .output(ZMoveStatus)
  .query(async ({ ctx, input }) => {
    const clinic = await registryRow(ctx.services, input.clinicId);
    const { ownerUrl } = await moveOptions(ctx.services);
    const { moves, live } = await moveActivity(clinic.id, { ownerUrl });
    const current = moves.find((move) => move.state === 'running' || move.state === 'failed');
    return {
      live,
      current: current ? toMoveView(current, liveRowsOf(clinic.id)) : null,
      rollback: rollbackStatus(moves, live, ctx.services.now()),
      history: moves.map((move) => toMoveView(move)),
    };
  });

/** The engine's own rules (rollbackMove), said before the operator asks. */
function rollbackStatus(moves: MoveRecord[], live: boolean, now: Date) {
  const latest = moves.find((move) => move.state !== 'rolled_back');
  const no = (why: string) => ({ possible: false, why });
  if (!latest) return no('There is no move to roll back.');
  if (live) return no('A move of this clinic is running; wait for it to finish or stop.');
  if (!latest.flippedAt) return { possible: true, why: null };
  if (latest.cleanedAt) return no('The old place was cleaned up: there is nothing to go back to.');
  if (latest.retainUntil && latest.retainUntil <= now)
    return no('The rollback window is over: start a new move instead.');
  return { possible: true, why: null };
}
