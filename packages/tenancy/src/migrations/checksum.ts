import { createHash } from 'node:crypto';

/** SHA-256 of a migration script in lower-case hex: what Prisma stores in `checksum`. */
export function checksumOf(script: string | Buffer): string {
  return createHash('sha256').update(script).digest('hex');
}

/**
 * The checksums a script is recorded under. Like Prisma, a script checked out with the other
 * line endings (git on Windows) still matches.
 */
export function checksumVariants(script: string): string[] {
  const variants = [script, script.replaceAll('\r\n', '\n'), script.replaceAll(/\r?\n/g, '\r\n')];
  return [...new Set(variants.map(checksumOf))];
}

/** Whether a recorded checksum belongs to this script (either line ending). */
export function matchesChecksum(script: string, recorded: string): boolean {
  return checksumVariants(script).includes(recorded);
}
