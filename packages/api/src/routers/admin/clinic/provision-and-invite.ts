import { TRPCError } from '@trpc/server';
import { requestPasswordReset, type PasswordResetMessage } from '@eventora/auth';
import { provisionClinic } from '@eventora/tenancy';

import type { ApiServices } from '../../../services';

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

export function provisioning(services: ApiServices) {
  if (!services.provisioning) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message: 'This console cannot provision clinics (no owner credentials).',
    });
  }
  return services.provisioning;
}

export async function provisionAndInvite(
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
