// pnpm tenant:restore FILE --as <new-slug> | --replace <slug> --confirm <slug>
import { parseArgs } from 'node:util';
import { migrationsDir } from '@eventora/db/migrations';

import { restoreClinic, type RestoreRequest } from '../src/archive';
import { loadMigrations } from '../src/migrations';
import { fromCaller, progressBar, run, usage } from './cli';
import { withCommandDatabase } from './env';

const USAGE = `
Usage: pnpm tenant:restore FILE --as <new-slug> [--mode shared|schema|database] [--name NAME]
       pnpm tenant:restore FILE --replace <slug> --confirm <slug> [--safety-out FILE]

Checks the archive's signature and every file first; a tampered archive is refused with the
reason and nothing is touched. Other clinics are never touched.

  --as SLUG        a copy as a new clinic (new id), registered suspended: nobody, not even the
                   original's users, reaches it until an operator opens it in the console
  --mode MODE      where the copy lives (default: the original's mode)
  --replace SLUG   replace that clinic's rows with the archive's (the same clinic only); its
                   portal is closed meanwhile and reopened after; one transaction, so a crash
                   leaves the old rows or the new, never a mix
  --confirm SLUG   required with --replace: repeat the slug
  --safety-out F   where the export of the replaced rows goes (default ./<slug>-before-restore-<time>.tar)

An archive from an older schema is migrated forward on its way in; a newer one is refused.
Environment: DATABASE_OWNER_URL, ARCHIVE_SIGNING_KEY. Progress on stderr, JSON summary on stdout.
Exit codes: 0 done, 1 failed, 2 wrong arguments, 3 refused.
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    as: { type: 'string' },
    mode: { type: 'string' },
    name: { type: 'string' },
    replace: { type: 'string' },
    confirm: { type: 'string' },
    'safety-out': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
const modes = ['shared', 'schema', 'database'] as const;
type Mode = (typeof modes)[number];
if (
  values.help ||
  positionals.length !== 1 ||
  Boolean(values.as) === Boolean(values.replace) ||
  (values.mode !== undefined && !modes.includes(values.mode as Mode))
) {
  usage(USAGE, values.help);
}
const file = fromCaller(positionals[0]!);
const stamp = new Date()
  .toISOString()
  .replaceAll(':', '')
  .replace(/\.\d+Z$/, 'Z');
const request: RestoreRequest = values.as
  ? { kind: 'copy', slug: values.as, name: values.name, mode: values.mode as Mode | undefined }
  : {
      kind: 'replace',
      slug: values.replace!,
      confirm: values.confirm ?? '',
      safetyOut: fromCaller(
        values['safety-out'] ?? `${values.replace}-before-restore-${stamp}.tar`,
      ),
    };

run(() =>
  withCommandDatabase(async ({ ownerUrl, signingKey }) =>
    restoreClinic(file, request, {
      ownerUrl,
      signingKey,
      migrations: await loadMigrations(migrationsDir),
      secrets: (name) => process.env[name],
      onTable: progressBar(`restore ${request.slug}`),
      log: (line) => process.stderr.write(`${line}\n`),
    }),
  ),
);
