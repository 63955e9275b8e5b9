// pnpm tenant:offboard <slug> [--export-dir DIR] [--grace-days N] [--reason TEXT] [--store S]
// pnpm tenant:offboard <slug> --reopen
// pnpm tenant:offboard <slug> --purge
import { parseArgs } from 'node:util';

import { closeClinic, purgeClinic, reopenClinic } from '../src/offboarding';
import { fromCaller, run, usage } from './cli';
import { backupStore, withCommandDatabase } from './env';

const USAGE = `
Usage: pnpm tenant:offboard <slug> [--export-dir DIR] [--grace-days N] [--reason TEXT] [--store S]
       pnpm tenant:offboard <slug> --reopen
       pnpm tenant:offboard <slug> --purge

Closing a clinic: its portal is suspended at once, a final signed export is written to
--export-dir (default .) for the owner, and the purge is allowed after the grace period
(default 30 days). With a backup store (BACKUP_STORE, or --store), the final export is also
kept there as a verified backup: the console then mails the owners a download link for it
(Offboarding → Send download link). --reopen undoes a close during the grace period. --purge, after it, deletes
every row of the clinic from every table with clinic_id (and drops its schema or database),
checks from the catalog that none is left, and records a tombstone with the counts in the
platform audit log.

Environment: DATABASE_OWNER_URL, ARCHIVE_SIGNING_KEY, BACKUP_STORE (optional). JSON summary on stdout.
Exit codes: 0 done, 1 failed, 2 wrong arguments, 3 refused (wrong state, e.g. purge too early).
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'export-dir': { type: 'string', default: '.' },
    'grace-days': { type: 'string' },
    reason: { type: 'string' },
    store: { type: 'string' },
    reopen: { type: 'boolean', default: false },
    purge: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
const graceDays = values['grace-days'] === undefined ? undefined : Number(values['grace-days']);
if (
  values.help ||
  positionals.length !== 1 ||
  (values.reopen && values.purge) ||
  (graceDays !== undefined && (!Number.isInteger(graceDays) || graceDays < 0))
) {
  usage(USAGE, values.help);
}
const slug = positionals[0]!;
run(() =>
  withCommandDatabase<unknown>(({ ownerUrl, signingKey }) => {
    const options = { ownerUrl, signingKey, secrets: (name: string) => process.env[name] };
    if (values.reopen) return reopenClinic(slug, options);
    if (values.purge) return purgeClinic(slug, options);
    process.stderr.write(`closing ${slug} and writing its final export…\n`);
    return closeClinic(
      slug,
      {
        exportDir: fromCaller(values['export-dir']!),
        graceDays,
        reason: values.reason,
        store: values.store || process.env.BACKUP_STORE ? backupStore(values.store) : undefined,
      },
      options,
    );
  }),
);
