import { createHash } from 'node:crypto';

/** SHA-256 of a migration script in lower-case hex: what Prisma stores in `checksum`. */
export function checksumOf(script: string | Buffer): string {
  return createHash('sha256').update(script).digest('hex');
}

/**
 * Whether a recorded checksum belongs to this script. Like Prisma, a script checked out with the
 * other line endings (git on Windows) still matches.
 */
export function matchesChecksum(script: string, recorded: string): boolean {
  return [script, script.replaceAll('\r\n', '\n'), script.replaceAll(/\r?\n/g, '\r\n')].some(
    (variant) => checksumOf(variant) === recorded,
  );
}
