import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { environmentTable, normalizeTable, TABLE_END, TABLE_START } from './env-table';

describe('docs/operations.md', () => {
  it('lists exactly the variables the processes read, as their schemas say (pnpm docs:env rewrites it)', async () => {
    const doc = await readFile(
      fileURLToPath(new URL('../../docs/operations.md', import.meta.url)),
      'utf8',
    );
    const committed = doc.slice(
      doc.indexOf(TABLE_START) + TABLE_START.length,
      doc.indexOf(TABLE_END),
    );
    const table = normalizeTable(committed);
    expect(table).toBe(normalizeTable(await environmentTable()));
    expect(table).toContain('|`DATABASE_URL`|portal, console, worker|yes|');
    expect(table).toContain('|`OTEL_EXPORTER_OTLP_ENDPOINT`|all|no|');
  });
});
