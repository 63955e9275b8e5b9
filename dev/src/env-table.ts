import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { z } from 'zod';

import { ZConsoleEnv, ZPortalEnv, ZWorkerEnv } from '@eventora/api/env';
import { ZObservabilityEnv } from '@eventora/observability';

const root = new URL('../../', import.meta.url);

/** Every process' environment schema and the file documenting each variable. */
const SOURCES = [
  { process: 'portal', schema: ZPortalEnv, file: 'packages/api/src/env/portal-env.ts' },
  { process: 'console', schema: ZConsoleEnv, file: 'packages/api/src/env/console-env.ts' },
  { process: 'worker', schema: ZWorkerEnv, file: 'packages/api/src/env/worker-env.ts' },
  { process: 'all', schema: ZObservabilityEnv, file: 'packages/observability/src/env.ts' },
] as const;

interface Row {
  processes: string[];
  required: boolean;
  defaultValue?: unknown;
  description: string;
}

/**
 * docs/operations.md's environment table, generated from the processes' zod schemas (names,
 * defaults, required) and their doc comments (descriptions), so the guide cannot drift from
 * what the code reads.
 */
export async function environmentTable(): Promise<string> {
  const rows = new Map<string, Row>();
  for (const source of SOURCES) {
    const comments = docComments(await readFile(fileURLToPath(new URL(source.file, root)), 'utf8'));
    const json = z.toJSONSchema(source.schema, { io: 'input', unrepresentable: 'any' }) as {
      properties: Record<string, { default?: unknown }>;
      required?: string[];
    };
    for (const [name, property] of Object.entries(json.properties)) {
      const row = rows.get(name) ?? {
        processes: [],
        required: false,
        defaultValue: property.default,
        description: comments.get(name) ?? '',
      };
      row.processes.push(source.process);
      row.required ||= json.required?.includes(name) ?? false;
      rows.set(name, row);
    }
  }
  const lines = [
    '| variable | processes | required | default | what it is |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const [name, row] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
    const processes = row.processes.includes('all') ? 'all' : row.processes.join(', ');
    const fallback = row.defaultValue === undefined ? '' : `\`${String(row.defaultValue)}\``;
    lines.push(
      `| \`${name}\` | ${processes} | ${row.required ? 'yes' : 'no'} | ${fallback} | ${row.description.replaceAll('|', '\\|')} |`,
    );
  }
  return lines.join('\n');
}

/** `/** … *\/` comments directly above `NAME:` properties, joined to one line each. */
function docComments(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of source.matchAll(
    /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*\n\s*([A-Z][A-Z0-9_]*):/g,
  )) {
    const text = match[1]!
      .split('\n')
      .map((line) => line.replace(/^\s*\*\s?/, '').trim())
      .filter(Boolean)
      .join(' ');
    if (!found.has(match[2]!)) found.set(match[2]!, text);
  }
  return found;
}

/** A markdown table with its cells trimmed, so prettier's column padding does not count. */
export function normalizeTable(table: string): string {
  return table
    .trim()
    .split('\n')
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replace(/^-{3,}$/, '---'))
        .join('|'),
    )
    .join('\n');
}

export const TABLE_START = '<!-- env-table:start (generated: pnpm docs:env) -->';
export const TABLE_END = '<!-- env-table:end -->';
