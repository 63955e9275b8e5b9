/**
 * @eventora/tenancy/moves: moves a clinic between the shared schema, its own schema and its own
 * database while it keeps working — a persisted, resumable state machine (plan → provision →
 * copy → catch up → freeze → final delta → verify → flip → smoke → unfreeze → retained →
 * cleaned up), with a database-enforced write freeze and rollback. See docs/migration_playbook.md.
 */
export {
  cleanupMove,
  planMove,
  resumeMove,
  rollbackMove,
  SimulatedCrash,
  startMove,
  type MoveEvent,
  type MoveOptions,
  type MovePlan,
  type MoveRequest,
} from './move-clinic';
export { MoveError, type MoveErrorCode } from './move-error';
export {
  listMoves,
  MOVE_STEPS,
  readMove,
  type MoveRecord,
  type MoveState,
  type MoveStep,
  type TableProgress,
} from './move-record';
export { moveActivity, type MoveActivity } from './move-status';
export {
  describeLocation,
  serverDatabaseSecret,
  targetLocation,
  type Location,
  type MoveConnections,
} from './location';
// The secrets a move to another server reads (named in docs/scale-out.md).
export { clinicPasswordSecret } from './server-target';
export { freezeRows, isFrozenAt, unfreezeRows } from './triggers';
