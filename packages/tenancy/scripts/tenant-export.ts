// pnpm tenant:export <slug> [--out FILE]
import { parseArgs } from 'node:util';

import { exportClinic } from '../src/archive';
import { fromCaller, progressBar, run, usage } from './cli';
import { withCommandDatabase } from './env';

const USAGE = `
Usage: pnpm tenant:export <slug> [--out FILE]

Writes one clinic's data (every tenant table, one consistent snapshot, any mode) to a signed
archive: a tar of Brotli-compressed CSV files (COPY's, with a header), one per table, and a
manifest with the migration, row counts, SHA-256 per file, the audit chain's head and an HMAC
signature.

  --out FILE   where to write it (default ./<slug>-<UTC time>.tar)
  --help       this text

Environment: DATABASE_OWNER_URL (owner role, shared database), ARCHIVE_SIGNING_KEY (32+ chars);
with neither set, the embedded development database and its development key.
Progress goes to stderr, a JSON summary to stdout.
Exit codes: 0 done, 1 failed, 2 wrong arguments, 3 refused.
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, help: { type: 'boolean', default: false } },
});
if (values.help || positionals.length !== 1) usage(USAGE, values.help);
const slug = positionals[0]!;
const stamp = new Date()
  .toISOString()
  .replaceAll(':', '')
  .replace(/\.\d+Z$/, 'Z');

run(() =>
  withCommandDatabase(({ ownerUrl, signingKey }) =>
    exportClinic(slug, {
      ownerUrl,
      signingKey,
      out: fromCaller(values.out ?? `${slug}-${stamp}.tar`),
      secrets: (name) => process.env[name],
      onTable: progressBar(`export ${slug}`),
    }),
  ),
);
