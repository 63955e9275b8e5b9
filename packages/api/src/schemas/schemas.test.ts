import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeEmail } from '@eventora/auth';
import { MAX_PLATFORM_ACCESS_MINUTES } from '@eventora/tenancy';
import { describe, expect, it } from 'vitest';

import { appRouter, consoleRouter } from '../root';
import * as schemas from './index';

interface ProcedureLike {
  _def: { inputs: unknown[] };
}

/** `admin.clinic.suspend` → `ZAdminClinicSuspendInput`. */
function schemaName(path: string): string {
  const pascal = path
    .split('.')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return `Z${pascal}Input`;
}

const procedures = Object.entries({
  ...(appRouter._def.procedures as unknown as Record<string, ProcedureLike>),
  ...(consoleRouter._def.procedures as unknown as Record<string, ProcedureLike>),
});
const exported = schemas as Record<string, unknown>;

describe('@eventora/api/schemas', () => {
  it('holds the input of every procedure, named after its path', () => {
    const withInput = procedures.filter(([, procedure]) => procedure._def.inputs.length > 0);
    expect(withInput.length).toBeGreaterThan(80);
    const wrong = withInput
      .filter(([path, procedure]) => procedure._def.inputs[0] !== exported[schemaName(path)])
      .map(([path]) => `${path} → ${schemaName(path)}`);
    expect(wrong).toEqual([]);
  });

  it('exports no input schema that no procedure takes', () => {
    const taken = new Set(procedures.map(([path]) => schemaName(path)));
    const orphans = Object.keys(exported).filter(
      (name) => /^Z.*Input$/.test(name) && !taken.has(name),
    );
    expect(orphans).toEqual([]);
  });

  it('imports nothing but zod and its own files (client bundles import it)', () => {
    const dir = import.meta.dirname;
    const foreign: string[] = [];
    for (const file of readdirSync(dir).filter((name) => /(?<!\.test)\.ts$/.test(name))) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const [, from] of source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        if (from !== 'zod' && !/^\.\/[a-z-]+$/.test(from!)) foreign.push(`${file}: ${from}`);
      }
    }
    expect(foreign).toEqual([]);
  });

  it('stores email addresses as @eventora/auth normalises them', () => {
    for (const email of ['Ana@Example.com', 'bob@example.COM', 'x.y+z@clinic.mx']) {
      expect(schemas.ZEmailAddress.parse(email)).toBe(normalizeEmail(email));
    }
    expect(schemas.ZEmailAddress.safeParse('not an address').success).toBe(false);
  });

  it('caps a platform look into a clinic where tenancy enforces it', () => {
    expect(schemas.MAX_ACCESS_MINUTES).toBe(MAX_PLATFORM_ACCESS_MINUTES);
  });
});
