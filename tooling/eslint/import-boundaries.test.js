import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

import { importBoundaries } from './base.js';

/**
 * The boundary rule's messages for `code` linted as a file of `packageName`.
 *
 * @param {string} packageName
 * @param {string} code
 * @param {string} [filename]
 */
function violations(packageName, code, filename = 'src/routers/example/file.ts') {
  const linter = new Linter({ configType: 'flat' });
  const config = [tseslint.configs.base, ...importBoundaries(packageName)];
  return linter.verify(code, config, { filename }).map((message) => message.message);
}

// The first lint warms typescript-eslint up: seconds on a loaded CI machine.
describe('importBoundaries', { timeout: 30_000 }, () => {
  it('refuses an import running back up: the database package importing tenancy or the API', () => {
    expect(violations('@eventora/db', "import { x } from '@eventora/tenancy';")).toHaveLength(1);
    expect(
      violations('@eventora/tenancy', "import { x } from '@eventora/api/schemas';"),
    ).toHaveLength(1);
    expect(violations('@eventora/api', "import { x } from '@eventora/web';")).toHaveLength(1);
  });

  it('refuses a package of the same layer, and allows one below', () => {
    expect(violations('@eventora/mail', "import { x } from '@eventora/auth';")).toHaveLength(1);
    expect(violations('@eventora/mail', "import { x } from '@eventora/tenancy';")).toEqual([]);
    expect(violations('@eventora/web', "import { x } from '@eventora/api/schemas';")).toEqual([]);
  });

  it("refuses another package's src/ internals and relative paths out of the package", () => {
    expect(violations('@eventora/web', "import { x } from '@eventora/api/src/trpc';")).toHaveLength(
      1,
    );
    expect(
      violations('@eventora/dev', "import { x } from '../../apps/worker/src/env';"),
    ).toHaveLength(1);
    // A folder of the package's own that happens to be called "packages" is not a way out.
    expect(violations('@eventora/web', "import { x } from '../packages/card';")).toEqual([]);
  });

  it('keeps @eventora/db/dev (embedded server, demo seed) out of runtime code, open to tests and dev tools', () => {
    const devImport = "import { seed } from '@eventora/db/dev';";
    expect(violations('@eventora/api', devImport)).toHaveLength(1);
    expect(violations('@eventora/tenancy', devImport, 'src/router/clinic-record.ts')).toHaveLength(
      1,
    );
    expect(violations('@eventora/web', "import { x } from '@eventora/db/dev/seed';")).toHaveLength(
      1,
    );
    expect(violations('@eventora/tenancy', devImport, 'src/testing/global-setup.ts')).toEqual([]);
    expect(violations('@eventora/api', devImport, 'src/routers/x.integration.test.ts')).toEqual([]);
    expect(violations('@eventora/dev', devImport)).toEqual([]);
    expect(violations('@eventora/bench', devImport)).toEqual([]);
    // Test files keep the other boundaries.
    expect(
      violations('@eventora/db', "import { x } from '@eventora/tenancy';", 'src/x.test.ts'),
    ).toHaveLength(1);
  });

  it('fails for a package that has no layer yet', () => {
    expect(() => importBoundaries('@eventora/newcomer')).toThrow(/no place in LAYERS/);
  });
});
