import { z } from 'zod';
import type { Prisma } from '@eventora/tenancy';

import { notFound } from '../../../errors/app-error';
import type { ApiServices } from '../../../services';
import { clinicUsage } from './clinic-usage';
import { ZBillingStatus, ZMode, ZStatus } from '../../../schemas/admin';

export const registrySelect = {
  id: true,
  slug: true,
  name: true,
  mode: true,
  status: true,
  billingStatus: true,
  routingVersion: true,
  schemaName: true,
  databaseUrlRef: true,
  timezone: true,
  brandColor: true,
  cancellationWindowHours: true,
  onboarding: true,
  createdAt: true,
} satisfies Prisma.ClinicSelect;

const ZUsage = z
  .object({
    users: z.number(),
    clients: z.number(),
    reservations: z.number(),
    reservationsLast30Days: z.number(),
    activeSessions: z.number(),
    approximateBytes: z.number(),
  })
  .nullable();
export const ZClinicSummary = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  mode: ZMode,
  status: ZStatus,
  billingStatus: ZBillingStatus,
  routingVersion: z.number(),
  onboardingState: z.string().nullable(),
  createdAt: z.date(),
  usage: ZUsage,
});
export const ZClinicDetail = ZClinicSummary.extend({
  schemaName: z.string().nullable(),
  timezone: z.string(),
  brandColor: z.string().nullable(),
  cancellationWindowHours: z.number(),
  onboardingError: z.string().nullable(),
});

/** A clinic onboarded (or retried): the set-password link only where links may be shown. */
export const ZProvisioned = z.object({
  id: z.uuid(),
  slug: z.string(),
  mode: ZMode,
  setPasswordLink: z.string().nullable(),
});

export type RegistryRow = Prisma.ClinicGetPayload<{ select: typeof registrySelect }>;

export function onboardingField(row: RegistryRow, field: 'state' | 'error'): string | null {
  const value = (row.onboarding as Record<string, unknown> | null)?.[field];
  return typeof value === 'string' ? value : null;
}

export async function toDetail(services: ApiServices, row: RegistryRow) {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    mode: row.mode,
    status: row.status,
    billingStatus: row.billingStatus,
    routingVersion: row.routingVersion,
    onboardingState: onboardingField(row, 'state'),
    onboardingError: onboardingField(row, 'error'),
    createdAt: row.createdAt,
    schemaName: row.schemaName,
    timezone: row.timezone,
    brandColor: row.brandColor,
    cancellationWindowHours: row.cancellationWindowHours,
    usage: row.status === 'suspended' ? null : await clinicUsage(services, row.id),
  };
}

export async function registryRowBySlug(services: ApiServices, slug: string): Promise<RegistryRow> {
  const row = await services.platform.clinic.findUnique({
    where: { slug },
    select: registrySelect,
  });
  if (!row) throw notFound('Clinic');
  return row;
}

export async function registryRow(services: ApiServices, id: string): Promise<RegistryRow> {
  const row = await services.platform.clinic.findUnique({ where: { id }, select: registrySelect });
  if (!row) throw notFound('Clinic');
  return row;
}
