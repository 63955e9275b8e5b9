import { TRPCError } from '@trpc/server';
import {
  describeLocation,
  MoveError,
  type Location,
  type MoveEvent,
  type MoveOptions,
  type MoveRecord,
} from '@eventora/tenancy/moves';

import { AppError } from '../../../errors/app-error';
import type { ApiServices } from '../../../services';

/** The engine's options in this process (the console's owner and runtime URLs, secrets). */
export async function moveOptions(services: ApiServices): Promise<MoveOptions> {
  if (!services.moves) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'This console cannot move clinics (DATABASE_OWNER_URL is not set).',
    });
  }
  const { migrations, ...connections } = services.moves;
  return { ...connections, migrations: await migrations() };
}

/** The engine's refusals as the API's typed errors (its messages are written for operators). */
export function asAppError(error: unknown): unknown {
  if (!(error instanceof MoveError)) return error;
  return new AppError(error.code === 'CLINIC_NOT_FOUND' ? 'NOT_FOUND' : 'CONFLICT', error.message);
}

export function locationView(location: Location) {
  return { ...location, label: describeLocation(location) };
}

/**
 * Rows copied so far per table of the moves this process drives, by clinic: the record holds a
 * table's count only once the table is done, the console's bars move while it copies.
 */
const liveRows = new Map<string, Record<string, number>>();

export function liveRowsOf(clinicId: string): Record<string, number> | undefined {
  return liveRows.get(clinicId);
}

/**
 * Runs a move (start, resume or rollback) in this process, in the background: a console request
 * does not wait minutes for a copy. It answers once the engine has recorded the move and taken
 * the clinic's lock (its first step), or with the engine's refusal. The move's state is the
 * persisted record: if this process dies, the record stays at its step and an operator resumes
 * or rolls it back (the console shows it as interrupted: no process holds the lock).
 */
export function runInBackground(
  services: ApiServices,
  clinicId: string,
  options: MoveOptions,
  work: (options: MoveOptions) => Promise<MoveRecord>,
): Promise<MoveRecord> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const rows: Record<string, number> = {};
    liveRows.set(clinicId, rows);
    const onEvent = (event: MoveEvent) => {
      if (event.type === 'rows' || event.type === 'table-done') rows[event.table] = event.rows;
      if (event.type === 'step' && !answered) {
        answered = true;
        resolve(event.move);
      }
    };
    work({ ...options, onEvent })
      .then(
        (move) => {
          if (!answered) resolve(move);
          answered = true;
        },
        (error: unknown) => {
          if (!answered) reject(asAppError(error));
          else {
            // Recorded by the engine (state failed, audit entries); the console shows it.
            services.logger?.error({ clinicId, err: error }, 'clinic move stopped');
          }
          answered = true;
        },
      )
      .finally(() => {
        if (liveRows.get(clinicId) === rows) liveRows.delete(clinicId);
      });
  });
}

/** Who moved it, as the move record and the audit entries name them. */
export function actorOf(operator: { id: string; email: string }): string {
  return `${operator.email} (operator ${operator.id})`;
}
