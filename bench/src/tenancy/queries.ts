import { PrismaPg } from '@prisma/adapter-pg';
import { type Prisma, PrismaClient } from '@eventora/db';
import type { BoundClinic } from '@eventora/tenancy';

import { createPool } from '../create-pool';

/** What one iteration works on: a clinic, one of its reservations, a day to list from. */
export interface Sample {
  clinic: BoundClinic;
  reservationId: string;
  from: Date;
}

export const OPERATIONS = ['list', 'lookup'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const OPERATION_LABELS: Record<Operation, string> = {
  list: 'list: 50 reservations of one clinic from a day, by starts_at',
  lookup: 'lookup: one reservation by (clinic_id, id)',
};

export const LIST_SIZE = 50;

/** The list, as every Prisma contender asks for it: the (clinic_id, starts_at) index serves it. */
export function listArgs(sample: Sample) {
  return {
    where: { clinicId: sample.clinic.id, startsAt: { gte: sample.from } },
    orderBy: { startsAt: 'asc' },
    take: LIST_SIZE,
  } satisfies Prisma.ReservationFindManyArgs;
}

/** The lookup, by the compound primary key. */
export function lookupArgs(sample: Sample) {
  return {
    where: { clinicId_id: { clinicId: sample.clinic.id, id: sample.reservationId } },
  } satisfies Prisma.ReservationFindUniqueArgs;
}

/** One statement as Prisma sends it, and how to fill in its parameters for a sample. */
export interface CapturedSql {
  text: string;
  values(sample: Sample): unknown[];
}

/**
 * The SQL Prisma generates for both operations on `schema`, read from its query log on a
 * throwaway client (no contender carries a log listener). Raw pg then sends exactly this SQL,
 * and EXPLAIN analyses exactly this SQL.
 */
export async function capturePrismaSql(
  appUrl: string,
  schema: string,
  probe: Sample,
): Promise<Record<Operation, CapturedSql>> {
  const pool = createPool(appUrl, 1);
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { schema }),
    log: [{ emit: 'event', level: 'query' }],
  });
  const logged: { query: string; params: string }[] = [];
  prisma.$on('query', (event) => logged.push({ query: event.query, params: event.params }));
  try {
    await prisma.reservation.findMany(listArgs(probe));
    await prisma.reservation.findUnique(lookupArgs(probe));
  } finally {
    await prisma.$disconnect();
    await pool.end();
  }
  const [list, lookup] = logged;
  if (logged.length !== 2 || !list || !lookup) {
    throw new Error(`Expected Prisma to send 2 statements, it sent ${logged.length}.`);
  }
  const listValues = (s: Sample) => [s.clinic.id, s.from, LIST_SIZE, 0];
  const lookupValues = (s: Sample) => [s.clinic.id, s.reservationId, 1, 0];
  // The parameter order is Prisma's: refuse to guess if it ever changes.
  expectParams(list.params, [probe.clinic.id, probe.from.toISOString(), String(LIST_SIZE), '0']);
  expectParams(lookup.params, [probe.clinic.id, probe.reservationId, '1', '0']);
  return {
    list: { text: list.query, values: listValues },
    lookup: { text: lookup.query, values: lookupValues },
  };
}

function expectParams(logged: string, expected: string[]): void {
  if (logged !== JSON.stringify(expected)) {
    throw new Error(
      `Prisma's parameters changed: expected ${JSON.stringify(expected)}, got ${logged}.`,
    );
  }
}
