import { createHash } from 'node:crypto';

/**
 * A job id derived from what the job is for (a run and a clinic): sending it twice inserts it
 * once (pg-boss skips a duplicate id), so a fan-out that is retried after a crash enqueues no
 * clinic twice.
 */
export function derivedJobId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  // Shaped as a version 4 UUID (the column is uuid); 122 bits of the hash remain.
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}
