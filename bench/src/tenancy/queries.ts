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
  // The parameters are Prisma's, in its order (which depends on the generator's features):
  // each logged value that is the probe's clinic, day or id is replaced by the sample's.
  return {
    list: { text: list.query, values: valuesFrom(list.params, probe) },
    lookup: { text: lookup.query, values: valuesFrom(lookup.params, probe) },
  };
}

function valuesFrom(logged: string, probe: Sample): (sample: Sample) => unknown[] {
  const params = JSON.parse(logged) as string[];
  if (!params.includes(probe.clinic.id)) {
    throw new Error(`Prisma's parameters changed: no clinic id in ${logged}.`);
  }
  const slots = params.map((value): ((sample: Sample) => unknown) => {
    if (value === probe.clinic.id) return (sample) => sample.clinic.id;
    if (value === probe.from.toISOString()) return (sample) => sample.from;
    if (value === probe.reservationId) return (sample) => sample.reservationId;
    const constant = /^\d+$/.test(value) ? Number(value) : value;
    return () => constant;
  });
  return (sample) => slots.map((slot) => slot(sample));
}
