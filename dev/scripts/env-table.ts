// pnpm docs:env: rewrites the environment table of docs/operations.md from the env schemas
// (dev/src/env-table.ts); a test fails when the committed table differs. Run prettier
// on the file afterwards (it pads the columns; the test ignores padding).
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { environmentTable, TABLE_END, TABLE_START } from '../src/env-table';

const doc = fileURLToPath(new URL('../../docs/operations.md', import.meta.url));
const text = await readFile(doc, 'utf8');
const start = text.indexOf(TABLE_START);
const end = text.indexOf(TABLE_END);
if (start < 0 || end < start)
  throw new Error(`docs/operations.md lacks ${TABLE_START} … ${TABLE_END}`);
await writeFile(
  doc,
  `${text.slice(0, start + TABLE_START.length)}\n\n${await environmentTable()}\n\n${text.slice(end)}`,
);
console.log('docs/operations.md: environment table written');
