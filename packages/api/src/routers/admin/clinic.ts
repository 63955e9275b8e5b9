import type { TRPCRouterRecord } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { generateSecretToken, hashSecretToken, RESET_TOKEN_LIFETIME_MS } from '@eventora/auth';
import {
  discardClinic,
  firstOwnerStatement,
  isClinicHasUsers,
  provisionClinic,
  type ClinicPlace,
  type Prisma,
} from '@eventora/tenancy';

import type { RequestMeta } from '../../context';
import { AppError, notFound } from '../../errors/app-error';
import type { ApiServices } from '../../services';
import { platformProcedure } from '../../trpc';
import { recordOperatorAction, type OperatorAction } from './clinic-audit';
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

interface OperatorContext {
  services: ApiServices;
  operator: { id: string };
  request: Pick<RequestMeta, 'ip'>;
}

/**
 * Creates a new clinic's first owner (no password) and a one-time set-password link, with the
 * operator's entry (`action`) in the clinic's own audit log, in one transaction. The database
 * refuses it once the clinic has any user (CONFLICT), so an invitation can never add an owner
 * to a clinic in service. The link goes to the mailer; it is shown to the operator only where
 * links may be revealed (development), and it is always a new account's.
 */
async function inviteFirstOwner(
  ctx: OperatorContext,
  clinic: ClinicPlace & { slug: string },
  owner: { email: string; name: string },
  entry: Pick<OperatorAction, 'action' | 'platformAction' | 'metadata'>,
): Promise<string | null> {
  const { services } = ctx;
  const token = generateSecretToken();
  const expiresAt = new Date(services.now().getTime() + RESET_TOKEN_LIFETIME_MS);
  try {
    await recordOperatorAction(ctx, clinic, {
      ...entry,
      clinicStatements: [
        firstOwnerStatement(clinic, {
          operatorId: ctx.operator.id,
          email: owner.email,
          name: owner.name,
          tokenHash: hashSecretToken(token),
          tokenExpiresAt: expiresAt,
          ip: ctx.request.ip?.slice(0, 45) ?? null,
        }),
      ],
    });
  } catch (error) {
    if (isClinicHasUsers(error)) {
      throw new AppError('CONFLICT', 'This clinic already has users: no owner can be invited.');
    }
    throw error;
  }
  const message = { to: owner.email, name: owner.name, token, expiresAt, clinicSlug: clinic.slug };
  try {
    await services.mailer.sendPasswordReset(message);
  } catch (error) {
    // The owner exists; the operator can resend from the portal's "forgot password".
    console.error(`[api] the set-password mail could not be sent (${(error as Error).name})`);
  }
  if (!services.revealLinks) return null;
  return `${services.portalUrl(clinic.slug)}/reset-password?token=${encodeURIComponent(token)}`;
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

/**
 * Provisions (or resumes) a clinic, then invites its first owner. An invitation that fails
 * after the clinic opened closes it again as `failed`, so a retry can finish it: a clinic is
 * never in service without an owner.
 */
async function provisionAndInvite(
  ctx: OperatorContext,
  input: {
    slug: string;
    name: string;
    mode: 'shared' | 'schema' | 'database';
    timezone?: string;
    ownerEmail: string;
    ownerName: string;
  },
  entry: Pick<OperatorAction, 'action' | 'platformAction'>,
) {
  const { services } = ctx;
  const { ownerUrl, migrations } = provisioning(services);
  const provisioned = await provisionClinic(
    { slug: input.slug, name: input.name, mode: input.mode, timezone: input.timezone },
    { ownerUrl, migrations: await migrations() },
  );
  let setPasswordLink: string | null;
  try {
    setPasswordLink = await inviteFirstOwner(
      ctx,
      provisioned,
      { email: input.ownerEmail, name: input.ownerName },
      { ...entry, metadata: { slug: provisioned.slug, mode: provisioned.mode } },
    );
  } catch (error) {
    if (!(error instanceof AppError)) {
      await services.platform.$executeRaw`
        UPDATE clinics SET status = 'suspended', updated_at = now(),
               onboarding = onboarding || jsonb_build_object('state', 'failed', 'error', 'The owner could not be invited.')
         WHERE id = ${provisioned.id}::uuid`;
    }
    throw error;
  }
  return { id: provisioned.id, slug: provisioned.slug, mode: provisioned.mode, setPasswordLink };
}

/**
 * Refuses an operator action on a clinic in service, and writes the refusal into that clinic's
 * own audit log (its owners see who tried what) and the platform's.
 */
async function refuseOnLiveClinic(
  ctx: OperatorContext,
  row: RegistryRow,
  entry: Pick<OperatorAction, 'action' | 'platformAction'>,
  message: string,
  fields: { field: string; message: string }[] = [],
): Promise<never> {
  await recordOperatorAction(ctx, row, { ...entry, metadata: { refused: true } });
  throw new AppError('CONFLICT', message, fields);
}

const isOnboarding = (row: RegistryRow) =>
  ['provisioning', 'failed'].includes(onboardingField(row, 'state') ?? '');

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
        select: registrySelect,
      });
      if (taken) {
        const fields = [{ field: 'slug', message: 'Already in use.' }];
        if (!isOnboarding(taken)) {
          await refuseOnLiveClinic(
            ctx,
            taken,
            { action: 'platform.clinic_create_refused', platformAction: 'clinic.create_refused' },
            'That address is taken.',
            fields,
          );
        }
        throw new AppError('CONFLICT', 'That address is taken.', fields);
      }
      return provisionAndInvite(ctx, input, {
        action: 'platform.clinic_created',
        platformAction: 'clinic.create',
      });
    }),

  retryProvisioning: platformProcedure
    .input(ZClinicRetryInput)
    .output(ZProvisioned)
    .mutation(async ({ ctx, input }) => {
      const row = await registryRowBySlug(ctx.services, input.slug);
      // Only a clinic still being provisioned, or whose provisioning failed: a clinic in service
      // is never re-provisioned, and never gets an owner from the console.
      if (!isOnboarding(row)) {
        await refuseOnLiveClinic(
          ctx,
          row,
          {
            action: 'platform.provisioning_retry_refused',
            platformAction: 'clinic.retry_provisioning_refused',
          },
          'Only a clinic whose provisioning is unfinished or failed can be retried.',
        );
      }
      return provisionAndInvite(
        ctx,
        { ...input, name: row.name, mode: row.mode, timezone: row.timezone },
        { action: 'platform.provisioning_retried', platformAction: 'clinic.retry_provisioning' },
      );
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
      const current = await registryRow(ctx.services, id);
      const { result: row } = await recordOperatorAction(
        ctx,
        current,
        {
          action: 'platform.clinic_updated',
          platformAction: 'clinic.update',
          metadata: { fields: Object.keys(changes) },
        },
        (tx) => tx.clinic.update({ where: { id }, data: changes, select: registrySelect }),
      );
      return toDetail(ctx.services, row!);
    }),

  suspend: platformProcedure
    .input(ZClinicLifecycleInput)
    .output(ZClinicDetail)
    .mutation(async ({ ctx, input }) => {
      const current = await registryRow(ctx.services, input.id);
      if (current.status === 'suspended')
        throw new AppError('CONFLICT', 'The clinic is already suspended.');
      // Its owners will see why it closed.
      const { result: row } = await recordOperatorAction(
        ctx,
        current,
        {
          action: 'platform.clinic_suspended',
          platformAction: 'clinic.suspend',
          reason: input.reason,
        },
        (tx) =>
          tx.clinic.update({
            where: { id: input.id },
            data: { status: 'suspended' },
            select: registrySelect,
          }),
      );
      return toDetail(ctx.services, row!);
    }),

  reactivate: platformProcedure
    .input(ZClinicLifecycleInput)
    .output(ZClinicDetail)
    .mutation(async ({ ctx, input }) => {
      const current = await registryRow(ctx.services, input.id);
      if (current.status !== 'suspended' || onboardingField(current, 'state') === 'failed') {
        throw new AppError('CONFLICT', 'Only a suspended clinic in service can be reactivated.');
      }
      const { result: row } = await recordOperatorAction(
        ctx,
        current,
        {
          action: 'platform.clinic_reactivated',
          platformAction: 'clinic.reactivate',
          reason: input.reason,
        },
        (tx) =>
          tx.clinic.update({
            where: { id: input.id },
            data: { status: 'active' },
            select: registrySelect,
          }),
      );
      return toDetail(ctx.services, row!);
    }),
} satisfies TRPCRouterRecord;
