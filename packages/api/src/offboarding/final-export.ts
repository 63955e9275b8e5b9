import type { Readable } from 'node:stream';
import { writeMessage } from '@eventora/mail';
import {
  createExportLink,
  openExportLink,
  recordExportDownload,
  setExportLinkRecipients,
  type ExportLink,
} from '@eventora/tenancy/offboarding';

import type { ApiServices, ConsoleBackups } from '../services';

type Configured = Extract<ConsoleBackups, { configured: true }>;

/** The path the console serves a final export at: `/final-export/<slug>/<token>`. */
export function finalExportPath(slug: string, token: string): string {
  return `/final-export/${encodeURIComponent(slug)}/${encodeURIComponent(token)}`;
}

/**
 * Hands a closed clinic's final export to its owners: a new download link (any earlier one
 * stops working) mailed to every owner through the clinic's outbox, in the owner's language.
 * The clinic is suspended, so it is reached with `includeSuspended` (this operator path only);
 * the worker delivers this kind even while the clinic is closed (SENT_WHILE_SUSPENDED).
 */
export async function sendFinalExportLink(
  services: ApiServices,
  backups: Configured & { publicUrl: string },
  clinic: { id: string; slug: string },
  operatorId: string,
): Promise<{ link: ExportLink; recipients: number }> {
  const { link, token, offboarding } = await createExportLink(clinic.slug, {
    ownerUrl: backups.ownerUrl,
    operatorId,
    now: services.now,
  });
  const url = new URL(finalExportPath(clinic.slug, token), backups.publicUrl).toString();
  const settings = await services.platform.clinic.findUnique({
    where: { id: clinic.id },
    select: { locale: true },
  });
  const recipients = await services.tenants.withClinic(
    clinic.id,
    (db) =>
      db.$transaction(async (tx) => {
        const owners = await tx.user.findMany({
          where: { role: 'OWNER', disabledAt: null, erasedAt: null },
          select: { email: true, name: true, locale: true },
          orderBy: { email: 'asc' },
        });
        for (const owner of owners) {
          const locale = (owner.locale ?? settings?.locale) === 'es' ? 'es' : 'en';
          await writeMessage(tx, {
            kind: 'clinic.final-export',
            to: { email: owner.email, name: owner.name },
            locale,
            data: {
              expiresAt: link.expiresAt.toISOString(),
              purgeAfter: new Date(offboarding.purgeAfter).toISOString(),
              bytes: offboarding.finalExport?.bytes ?? 0,
            },
            secrets: { link: url },
          });
        }
        return owners.length;
      }),
    { includeSuspended: true },
  );
  await setExportLinkRecipients(backups.ownerUrl, link.id, recipients);
  return { link: { ...link, recipients }, recipients };
}

/** A final export ready to stream to its owner. */
export interface FinalExportDownload {
  body: Readable;
  bytes: number;
  /** `<slug>-final-export-<date>.tar` */
  filename: string;
}

/**
 * Opens `/final-export/<slug>/<token>` for the console's route: null (answer 404, nothing else)
 * for an unknown, malformed, revoked or expired token, another clinic's token, a clinic no longer
 * closed, or a console without backups. Otherwise the download is counted and audited (platform
 * log and the clinic's own, with a keyed hash of the requester's IP) and the stored archive's
 * bytes are streamed as they are: the owner verifies them with the manifest's signature.
 */
export async function openFinalExport(
  services: ApiServices,
  request: { slug: string; token: string; ip: string | null },
): Promise<FinalExportDownload | null> {
  const backups = services.backups;
  if (!backups?.configured) return null;
  const opened = await openExportLink(request.slug, request.token, {
    ownerUrl: backups.ownerUrl,
    now: services.now,
  });
  if (!opened) return null;
  const body = await backups.store.read(opened.backup.key).catch(() => null);
  if (!body) return null;
  await recordExportDownload(
    opened,
    { ip: request.ip },
    {
      ownerUrl: backups.ownerUrl,
      signingKey: backups.signingKey,
      secrets: backups.secrets,
      now: services.now,
    },
  );
  const day = opened.backup.createdAt.toISOString().slice(0, 10);
  return {
    body,
    bytes: opened.backup.bytes,
    filename: `${opened.clinic.slug}-final-export-${day}.tar`,
  };
}
