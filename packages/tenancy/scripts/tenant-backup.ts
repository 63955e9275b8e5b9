// pnpm tenant:backup <slug> [--store DIR|s3://bucket/prefix] [--json]
// pnpm tenant:backup --list <slug> | --prune [<slug>] | --restore <id> --as <new-slug> | --replace <slug> --confirm <slug>
import { parseArgs } from 'node:util';
import { migrationsDir } from '@eventora/db/migrations';

import {
  backupClinic,
  listBackups,
  pruneBackups,
  pruneEveryClinic,
  restoreBackup,
  type BackupRecord,
  type PruneSummary,
} from '../src/backups';
import { loadMigrations } from '../src/migrations';
import { progressBar, run, usage } from './cli';
import { backupStore, withCommandDatabase } from './env';

const USAGE = `
Usage: pnpm tenant:backup <slug> [--store DIR|s3://bucket/prefix] [--json]
       pnpm tenant:backup --list <slug> [--json]
       pnpm tenant:backup --prune [<slug>] [--store …] [--json]
       pnpm tenant:backup --restore <backup-id> --as <new-slug> [--store …] [--json]
       pnpm tenant:backup --restore <backup-id> --replace <slug> --confirm <slug> [--store …] [--json]

Backs up one clinic: a signed export (one consistent snapshot, any mode), read back against its
signature, uploaded to the backup store and recorded in clinic_backups (time, size, rows,
tables, migration, SHA-256, verified).

  --list SLUG      the clinic's backups, newest first, and its retention
  --prune [SLUG]   delete the clinic's backups older than its backup_retention_days (default 30)
                   from the store and the record, never its newest verified one; every clinic
                   when no slug is given
  --restore ID     restore a backup: its bytes are checked against the recorded SHA-256 and
                   the archive's signature before any row is written
    --as SLUG      as a new clinic, registered suspended until an operator opens it
    --replace SLUG in place of that clinic's rows (its own backup only), with --confirm SLUG;
                   the replaced rows are kept as a new backup first
  --store S        the backup store (default: BACKUP_STORE): a directory, or s3://bucket/prefix
                   with S3_ENDPOINT (S3-compatible servers), AWS_REGION, AWS_ACCESS_KEY_ID and
                   AWS_SECRET_ACCESS_KEY
  --json           the summary as JSON on stdout (default: a few lines for people)
  --help           this text

Environment: DATABASE_OWNER_URL (owner role, shared database), ARCHIVE_SIGNING_KEY (32+ chars),
BACKUP_STORE. Progress goes to stderr. Refusals and failures are JSON on stdout.
Exit codes: 0 done, 1 failed, 2 wrong arguments, 3 refused (no store, a changed backup, no such
clinic or backup, a missing confirmation).
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    store: { type: 'string' },
    list: { type: 'boolean', default: false },
    prune: { type: 'boolean', default: false },
    restore: { type: 'string' },
    as: { type: 'string' },
    replace: { type: 'string' },
    confirm: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
const actions = [values.list, values.prune, values.restore !== undefined].filter(Boolean).length;
const restoring = values.restore !== undefined;
if (
  values.help ||
  actions > 1 ||
  (values.prune
    ? positionals.length > 1
    : restoring
      ? positionals.length > 0
      : positionals.length !== 1) ||
  (restoring && Boolean(values.as) === Boolean(values.replace)) ||
  (!restoring && (values.as || values.replace || values.confirm))
) {
  usage(USAGE, values.help);
}
const slug = positionals[0];
const json = values.json;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(2)} MB`;
const line = (b: BackupRecord) =>
  `${b.createdAt.toISOString()}  ${b.id}  ${mb(b.bytes).padStart(10)}  ${String(b.rows).padStart(9)} rows  ${b.tables} tables  ${b.verifiedAt ? 'verified' : 'UNVERIFIED'}`;
const pruned = (summary: PruneSummary) =>
  `${summary.clinic.slug}: deleted ${summary.deleted.length} (retention ${summary.clinic.retentionDays} days), kept ${summary.kept}` +
  (summary.strays.length ? `, removed ${summary.strays.length} unrecorded object(s)` : '');
const text = <T>(render: (result: T) => string) =>
  json ? undefined : (result: T) => `${render(result)}\n`;

if (values.list) {
  run(
    () => withCommandDatabase(({ ownerUrl }) => listBackups(slug!, { ownerUrl })),
    text(({ clinic, backups }) =>
      [
        `${clinic.slug}: ${backups.length} backup(s), kept ${clinic.retentionDays} days`,
        ...backups.map(line),
      ].join('\n'),
    ),
  );
} else if (values.prune) {
  run(
    () =>
      withCommandDatabase(async ({ ownerUrl }) => {
        const options = { ownerUrl, store: backupStore(values.store) };
        return slug ? [await pruneBackups(slug, options)] : pruneEveryClinic(options);
      }),
    text((summaries) => summaries.map(pruned).join('\n')),
  );
} else if (restoring) {
  run(
    () =>
      withCommandDatabase(async ({ ownerUrl, signingKey }) =>
        restoreBackup(
          values.restore!,
          values.as
            ? { as: values.as }
            : { replace: values.replace!, confirm: values.confirm ?? '' },
          {
            ownerUrl,
            signingKey,
            store: backupStore(values.store),
            migrations: await loadMigrations(migrationsDir),
            secrets: (name) => process.env[name],
            onTable: progressBar(`restore ${values.as ?? values.replace}`),
            log: (message) => process.stderr.write(`${message}\n`),
          },
        ),
      ),
    text(
      (restored) =>
        `restored backup ${restored.backup.id} (${restored.backup.createdAt.toISOString()}) into ${restored.clinic.slug} (${restored.clinic.status}): ${restored.rows} rows` +
        (restored.safetyBackup ? `; the replaced rows are backup ${restored.safetyBackup.id}` : ''),
    ),
  );
} else {
  run(
    () =>
      withCommandDatabase(({ ownerUrl, signingKey }) =>
        backupClinic(slug!, {
          ownerUrl,
          signingKey,
          store: backupStore(values.store),
          secrets: (name) => process.env[name],
          onTable: progressBar(`backup ${slug}`),
        }),
      ),
    text(
      (backup) =>
        `backed up ${backup.slug}: ${backup.id} ${mb(backup.bytes)}, ${backup.rows} rows, ${backup.tables} tables, verified → ${backup.store}/${backup.key}`,
    ),
  );
}
