// Runs `prisma generate`. Generation itself is WebAssembly-only; the Prisma CLI still insists
// on a native schema-engine binary, which its postinstall downloads from Prisma's own host.
// Where that binary is missing (offline machines, or installs that skip build scripts) we
// point PRISMA_SCHEMA_ENGINE_BINARY at a no-op for this one command only: never for migrate,
// which would then report success and apply nothing (we migrate with our own runner anyway).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const packageRoot = join(here, '..');
const require = createRequire(import.meta.url);

function hasSchemaEngine() {
  try {
    const enginesDir = dirname(
      require.resolve('@prisma/engines/package.json', {
        paths: [dirname(require.resolve('prisma/package.json'))],
      }),
    );
    return readdirSync(enginesDir).some((name) => name.startsWith('schema-engine'));
  } catch {
    return false;
  }
}

const env = { ...process.env };
// prisma.config.ts reads DATABASE_OWNER_URL; generation never connects, so any URL will do.
env.DATABASE_OWNER_URL ??= 'postgresql://generate-only@localhost/none';
if (!hasSchemaEngine()) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = join(here, 'no-op-schema-engine.sh'); // generate only
}
const prismaBin = join(packageRoot, 'node_modules', '.bin', 'prisma');
const result = spawnSync(existsSync(prismaBin) ? prismaBin : 'prisma', ['generate', '--no-hints'], {
  cwd: packageRoot,
  env,
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
