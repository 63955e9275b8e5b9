import { seedId } from '../ids';
import { addDays } from '../local-time';
import type { ClinicSpec, ClockTime, Weekday } from '../spec';

export const HOUR = 3_600_000;

/** A spec that would seed data the product considers impossible. */
export class SeedSpecError extends Error {
  constructor(slug: string, message: string) {
    super(`Seed spec "${slug}": ${message}`);
    this.name = 'SeedSpecError';
  }
}

/** The fixed id of a demo clinic, the same in every database. */
export function clinicIdFor(slug: string): string {
  return seedId(slug, 'clinic');
}

/** What every table's builder shares: the spec, the anchor week, ids and the way to refuse. */
export interface RowContext {
  spec: ClinicSpec;
  anchor: Date;
  clinicId: string;
  /** The row id of a named thing: `id('branch', key)`. */
  id: (...parts: string[]) => string;
  /** Refuses the spec (throws SeedSpecError). */
  fail: (message: string) => never;
  /** When the clinic was set up (staff, branches, therapists and packages date from then). */
  setUpAt: Date;
}

export function rowContext(spec: ClinicSpec, anchor: Date): RowContext {
  return {
    spec,
    anchor,
    clinicId: clinicIdFor(spec.slug),
    id: (...parts) => seedId(spec.slug, ...parts),
    fail: (message) => {
      throw new SeedSpecError(spec.slug, message);
    },
    setUpAt: addDays(anchor, -180),
  };
}

/** Refuses the spec when two of `keys` are the same. */
export function requireUnique(ctx: RowContext, kind: string, keys: readonly string[]): void {
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) ctx.fail(`duplicate ${kind} "${key}"`);
    seen.add(key);
  }
}

export function toMinutes(time: ClockTime): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return hours * 60 + minutes;
}

/** The calendar day (as UTC midnight) of `weekday` in the week `week` weeks from the anchor. */
export function dayOf(anchor: Date, week: number, weekday: Weekday): Date {
  return addDays(anchor, week * 7 + ((weekday + 6) % 7));
}

export function latest(...dates: Date[]): Date {
  return new Date(Math.max(...dates.map((date) => date.getTime())));
}

export function earliest(...dates: Date[]): Date {
  return new Date(Math.min(...dates.map((date) => date.getTime())));
}

export function overlaps(a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean {
  return a.start < b.end && b.start < a.end;
}
