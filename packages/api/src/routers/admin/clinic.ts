import type { TRPCRouterRecord } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { requestPasswordReset, type PasswordResetMessage } from '@eventora/auth';
import { discardClinic, provisionClinic, type Prisma } from '@eventora/tenancy';

import { AppError, notFound } from '../../errors/app-error';
import type { ApiServices } from '../../services';
import { platformProcedure } from '../../trpc';
import { recordInClinicAudit } from './clinic-audit';
import {
  ZBillingStatus,
  ZClinicByIdInput,
  ZClinicCreateInput,
  ZClinicDiscardInput,
  ZClinicLifecycleInput,
  ZClinicListInput,
  ZClinicRetryInput,
  ZClinicUpdateInput,
  ZMode,
  ZStatus,
} from './clinic-schemas';
import { clinicUsage } from './clinic-usage';
import { recordPlatformAudit } from './platform-audit';

export {
  RESERVED_SLUGS,
  ZClinicByIdInput,
  ZClinicCreateInput,
  ZClinicDiscardInput,
  ZClinicLifecycleInput,
  ZClinicListInput,
  ZClinicRetryInput,
  ZClinicUpdateInput,
  ZReason,
  ZSlug,
} from './clinic-schemas';

const registrySelect = {
  id: true,
  slug: true,
  name: true,
  mode: true,
  status: true,
  billingStatus: true,
  routingVersion: true,
  schemaName: true,
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
const ZClinicSummary = z.object({
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
const ZClinicDetail = ZClinicSummary.extend({
  schemaName: z.string().nullable(),
  timezone: z.string(),
  brandColor: z.string().nullable(),
  cancellationWindowHours: z.number(),
  onboardingError: z.string().nullable(),
});

/** A clinic onboarded (or retried): the set-password link only where links may be shown. */
const ZProvisioned = z.object({
  id: z.uuid(),
  slug: z.string(),
  mode: ZMode,
  setPasswordLink: z.string().nullable(),
});

type RegistryRow = Prisma.ClinicGetPayload<{ select: typeof registrySelect }>;

function onboardingField(row: RegistryRow, field: 'state' | 'error'): string | null {
  const value = (row.onboarding as Record<string, unknown> | null)?.[field];
  return typeof value === 'string' ? value : null;
}

async function toDetail(services: ApiServices, row: RegistryRow) {
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

async function registryRowBySlug(services: ApiServices, slug: string): Promise<RegistryRow> {
  const row = await services.platform.clinic.findUnique({
    where: { slug },
    select: registrySelect,
  });
  if (!row) throw notFound('Clinic');
  return row;
}

async function registryRow(services: ApiServices, id: string): Promise<RegistryRow> {
  const row = await services.platform.clinic.findUnique({ where: { id }, select: registrySelect });
  if (!row) throw notFound('Clinic');
  return row;
}

/**
 * Creates the clinic's first owner (no password) and a one-time set-password link, delivered by
 * the mailer; shown to the operator only where links may be revealed (development).
 */
async function inviteOwner(
  services: ApiServices,
  slug: string,
  owner: { email: string; name: string },
) {
  const sent: PasswordResetMessage[] = [];
  await services.tenants.withClinic(slug, async (db, clinic) => {
    const existing = await db.user.findFirst({
      where: { email: owner.email },
      select: { id: true },
    });
    if (!existing) {
      await db.user.create({
        data: { clinicId: clinic.id, email: owner.email, name: owner.name, role: 'OWNER' },
      });
    }
    await requestPasswordReset(
      db,
      { email: owner.email },
      {
        mailer: {
          async sendPasswordReset(message) {
            sent.push(message);
            await services.mailer.sendPasswordReset(message);
          },
        },
        clock: services.now,
      },
    );
  });
  const message = sent[0];
  if (!message || !services.revealLinks) return null;
  return `${services.portalUrl(slug)}/reset-password?token=${encodeURIComponent(message.token)}`;
}

function provisioning(services: ApiServices) {
  if (!services.provisioning) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'This console cannot provision clinics (no owner credentials).',
    });
  }
  return services.provisioning;
}

async function provisionAndInvite(
  services: ApiServices,
  input: {
    slug: string;
    name: string;
    mode: 'shared' | 'schema' | 'database';
    timezone?: string;
    ownerEmail: string;
    ownerName: string;
  },
) {
  const { ownerUrl, migrations } = provisioning(services);
  const provisioned = await provisionClinic(
    { slug: input.slug, name: input.name, mode: input.mode, timezone: input.timezone },
    { ownerUrl, migrations: await migrations() },
  );
  const setPasswordLink = await inviteOwner(services, input.slug, {
    email: input.ownerEmail,
    name: input.ownerName,
  });
  return { id: provisioned.id, slug: provisioned.slug, mode: provisioned.mode, setPasswordLink };
}

export const adminClinicRouter = {
  list: platformProcedure
    .input(ZClinicListInput)
    .output(z.object({ items: z.array(ZClinicSummary), total: z.number() }))
    .query(async ({ ctx, input }) => {
      const where = {
        ...(input.mode ? { mode: input.mode } : {}),
        ...(input.status ? { status: input.status } : {}),
        ...(input.search
          ? {
              OR: [
                { slug: { contains: input.search, mode: 'insensitive' } },
                { name: { contains: input.search, mode: 'insensitive' } },
              ],
            }
          : {}),
      } satisfies Prisma.ClinicWhereInput;
      const [rows, total] = await Promise.all([
        ctx.services.platform.clinic.findMany({
          where,
          select: registrySelect,
          orderBy: [{ [input.sort]: input.direction }, { slug: 'asc' }],
          skip: (input.page - 1) * input.pageSize,
          take: input.pageSize,
        }),
        ctx.services.platform.clinic.count({ where }),
      ]);
      const items = await Promise.all(rows.map((row) => toDetail(ctx.services, row)));
      return { items, total };
    }),

  byId: platformProcedure
    .input(ZClinicByIdInput)
    .output(ZClinicDetail)
    .query(async ({ ctx, input }) =>
      toDetail(ctx.services, await registryRow(ctx.services, input.id)),
    ),

  create: platformProcedure
    .input(ZClinicCreateInput)
    .output(ZProvisioned)
    .mutation(async ({ ctx, input }) => {
      const taken = await ctx.services.platform.clinic.findUnique({
        where: { slug: input.slug },
        select: { id: true },
      });
      if (taken)
        throw new AppError('CONFLICT', 'That address is taken.', [
          { field: 'slug', message: 'Already in use.' },
        ]);
      await recordPlatformAudit(ctx.services.platform, ctx, {
        action: 'clinic.create',
        metadata: { slug: input.slug, mode: input.mode },
      });
      const created = await provisionAndInvite(ctx.services, input);
      await recordInClinicAudit(ctx.services, created.id, {
        operatorId: ctx.operator.id,
        action: 'platform.clinic_created',
        ip: ctx.request.ip,
      });
      return created;
    }),

  retryProvisioning: platformProcedure
    .input(ZClinicRetryInput)
    .output(ZProvisioned)
    .mutation(async ({ ctx, input }) => {
      const row = await registryRowBySlug(ctx.services, input.slug);
      await recordPlatformAudit(ctx.services.platform, ctx, {
        action: 'clinic.retry_provisioning',
        clinicId: row.id,
      });
      return provisionAndInvite(ctx.services, {
        ...input,
        name: row.name,
        mode: row.mode,
        timezone: row.timezone,
      });
    }),

  discard: platformProcedure
    .input(ZClinicDiscardInput)
    .output(z.object({ discarded: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const row = await registryRowBySlug(ctx.services, input.slug);
      if (onboardingField(row, 'state') === 'ready' || row.status !== 'suspended') {
        throw new AppError('CONFLICT', 'Only a clinic whose provisioning failed can be discarded.');
      }
      await discardClinic(input.slug, { ownerUrl: provisioning(ctx.services).ownerUrl });
      await recordPlatformAudit(ctx.services.platform, ctx, {
        action: 'clinic.discard',
        clinicId: row.id,
        metadata: { slug: row.slug },
      });
      return { discarded: true as const };
    }),

  update: platformProcedure
    .input(ZClinicUpdateInput)
    .output(ZClinicDetail)
    .mutation(async ({ ctx, input }) => {
      const { id, ...changes } = input;
      await registryRow(ctx.services, id);
      const row = await ctx.services.platform.clinic.update({
        where: { id },
        data: changes,
        select: registrySelect,
      });
      await recordPlatformAudit(ctx.services.platform, ctx, {
        action: 'clinic.update',
        clinicId: id,
        metadata: { fields: Object.keys(changes) },
      });
      return toDetail(ctx.services, row);
    }),

  suspend: platformProcedure
    .input(ZClinicLifecycleInput)
    .output(ZClinicDetail)
    .mutation(async ({ ctx, input }) => {
      const current = await registryRow(ctx.services, input.id);
      if (current.status === 'suspended')
        throw new AppError('CONFLICT', 'The clinic is already suspended.');
      // Written while the clinic is still open: its owners will see why it closed.
      await recordInClinicAudit(ctx.services, input.id, {
        operatorId: ctx.operator.id,
        action: 'platform.clinic_suspended',
        reason: input.reason,
        ip: ctx.request.ip,
      });
      const row = await ctx.services.platform.clinic.update({
        where: { id: input.id },
        data: { status: 'suspended' },
        select: registrySelect,
      });
      await recordPlatformAudit(ctx.services.platform, ctx, {
        action: 'clinic.suspend',
        clinicId: input.id,
        reason: input.reason,
      });
      return toDetail(ctx.services, row);
    }),

  reactivate: platformProcedure
    .input(ZClinicLifecycleInput)
    .output(ZClinicDetail)
    .mutation(async ({ ctx, input }) => {
      const current = await registryRow(ctx.services, input.id);
      if (current.status !== 'suspended' || onboardingField(current, 'state') === 'failed') {
        throw new AppError('CONFLICT', 'Only a suspended clinic in service can be reactivated.');
      }
      const row = await ctx.services.platform.clinic.update({
        where: { id: input.id },
        data: { status: 'active' },
        select: registrySelect,
      });
      await recordInClinicAudit(ctx.services, input.id, {
        operatorId: ctx.operator.id,
        action: 'platform.clinic_reactivated',
        reason: input.reason,
        ip: ctx.request.ip,
      });
      await recordPlatformAudit(ctx.services.platform, ctx, {
        action: 'clinic.reactivate',
        clinicId: input.id,
        reason: input.reason,
      });
      return toDetail(ctx.services, row);
    }),
} satisfies TRPCRouterRecord;
