import { MOVE_STEPS, type MoveRecord } from '@eventora/tenancy/moves';

import { locationView } from './move-services';

function numberOr(value: unknown): number | null {
  return typeof value === 'number' ? value : null;
}

/** A move record as the console shows it; `live` overrides rows of tables still copying. */
export function toMoveView(move: MoveRecord, live?: Record<string, number>) {
  return {
    id: move.id,
    from: locationView(move.from),
    to: locationView(move.to),
    step: move.step,
    state: move.state,
    steps: [...MOVE_STEPS],
    tables: Object.entries(move.tables).map(([table, entry]) => ({
      table,
      rows: entry.copied ? entry.rows : (live?.[table] ?? entry.rows),
      planned: entry.planned,
      copied: entry.copied,
    })),
    actor: move.actor,
    reason: move.reason,
    error: move.error,
    rollbackOf: move.rollbackOf,
    createdAt: move.createdAt,
    updatedAt: move.updatedAt,
    frozenAt: move.frozenAt,
    unfrozenAt: move.unfrozenAt,
    flippedAt: move.flippedAt,
    retainUntil: move.retainUntil,
    cleanedAt: move.cleanedAt,
    freezeMs: numberOr(move.timings.freezeMs),
    verifyMs: numberOr(move.timings.verifyMs),
  };
}
