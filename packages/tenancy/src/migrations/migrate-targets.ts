import type { Migration } from './load-migrations';
import { MigrationError } from './migration-error';
import { migrateTarget, type TargetReport } from './migrate-target';
import { logMessageOf, type MigrationTarget } from './target';

/** A target whose run failed: the migration that failed (if one did) and why. */
export interface TargetFailure {
  target: string;
  migration?: string;
  error: string;
}

/** What a fan-out did: finished targets, the failure that stopped it, targets never started. */
export interface FanOutReport {
  /** Targets that finished, in the order given. */
  reports: TargetReport[];
  /** The first failure; after it no new target is started. */
  failed?: TargetFailure;
  /** Further failures of targets that were already running when the first one failed. */
  alsoFailed?: TargetFailure[];
  /** Targets not started because of the failure; re-running resumes with them. */
  notAttempted: string[];
}

/**
 * Migrates many targets. The first is the canary: it runs alone, and if it fails nothing else
 * starts. The rest run `concurrency` at a time (default 4); after a failure no new target is
 * started (running ones finish). Re-running resumes: applied migrations are skipped.
 */
export async function migrateTargets(
  targets: MigrationTarget[],
  migrations: Migration[],
  options: { concurrency?: number; log?: (line: string) => void } = {},
): Promise<FanOutReport> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const finished = new Map<number, TargetReport>();
  const failures: TargetFailure[] = [];

  const attempt = async (index: number): Promise<void> => {
    const target = targets[index]!;
    try {
      finished.set(index, await migrateTarget(target, migrations, { log: options.log }));
    } catch (error) {
      failures.push(toFailure(target, error));
      options.log?.(`[${target.label}] FAILED: ${logMessageOf(error)}`);
    }
  };

  // The canary runs alone; the others start only if it succeeded.
  let next = 0;
  if (targets.length > 0) await attempt(next++);
  const worker = async (): Promise<void> => {
    while (failures.length === 0 && next < targets.length) await attempt(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length - next) }, worker));

  const [failed, ...alsoFailed] = failures;
  return {
    reports: [...finished.entries()].sort(([a], [b]) => a - b).map(([, report]) => report),
    ...(failed ? { failed } : {}),
    ...(alsoFailed.length > 0 ? { alsoFailed } : {}),
    notAttempted: targets.slice(next).map((target) => target.label),
  };
}

function toFailure(target: MigrationTarget, error: unknown): TargetFailure {
  const migration = error instanceof MigrationError ? error.migration : undefined;
  return { target: target.label, ...(migration ? { migration } : {}), error: logMessageOf(error) };
}
