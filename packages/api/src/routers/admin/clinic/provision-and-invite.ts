import { TRPCError } from '@trpc/server';
import { generateSecretToken, hashSecretToken, RESET_TOKEN_LIFETIME_MS } from '@eventora/auth';
import {
  firstOwnerStatement,
  isClinicHasUsers,
  provisionClinic,
  type ClinicPlace,
} from '@eventora/tenancy';

import {
  recordOperatorAction,
  type OperatorAction,
  type OperatorActor,
} from '../../../audit/record-operator-action';
import { AppError } from '../../../errors/app-error';
import type { ApiServices } from '../../../services';

/**
 * Creates a new clinic's first owner (no password) and a one-time set-password link, with the
 * operator's entry (`action`) in the clinic's own audit log, in one transaction. The database
 * refuses it once the clinic has any user (CONFLICT), so an invitation can never add an owner
 * to a clinic in service. The link goes to the mailer; it is shown to the operator only where
 * links may be revealed (development), and it is always a new account's.
 */
async function inviteFirstOwner(
  ctx: OperatorActor,
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
          ip: ctx.request.ip,
        }),
      ],
    });
  } catch (error) {
    if (isClinicHasUsers(error)) {
      throw new AppError('CONFLICT', 'This clinic already has users: no owner can be invited.');
    }
    throw error;
  }
  const message = {
    to: owner.email,
    name: owner.name,
    token,
    expiresAt,
    clinicSlug: clinic.slug,
    purpose: 'owner-invitation' as const,
  };
  try {
    // Into the new clinic's own outbox, bound to it (the worker delivers it). The owner and
    // the token committed with the operator's entry above, in the registry's transaction: the
    // message cannot share it, so a failure here is logged and the owner can ask for a reset.
    await services.tenants.withClinic(clinic.id, (db) =>
      db.$transaction((tx) => services.mailer.sendPasswordReset(message, tx)),
    );
  } catch (error) {
    // The owner exists; the operator can resend from the portal's "forgot password".
    console.error(`[api] the set-password mail could not be sent (${(error as Error).name})`);
  }
  if (!services.revealLinks) return null;
  return `${services.portalUrl(clinic.slug)}/reset-password?token=${encodeURIComponent(token)}`;
}

export function provisioning(services: ApiServices) {
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
export async function provisionAndInvite(
  ctx: OperatorActor,
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
