import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';

import { clinicRows, readRegistryClinic, type RegistryClinic } from '../archive/clinic-target';
import { ArchiveError } from '../archive/archive-error';
import { selectBackup, type BackupRecord } from '../backups/backup-record';
import { withClient } from '../with-client';
import type { Offboarding } from './offboard-clinic';

/** Days an owner's download link works, unless the grace period ends sooner. */
export const EXPORT_LINK_DAYS = 7;

/** A download link's record (`clinic_export_links`); never its token, only the token's hash. */
export interface ExportLink {
  id: string;
  clinicId: string;
  backupId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  operatorId: string | null;
  recipients: number;
  downloads: number;
  lastDownloadedAt: Date | null;
}

const COLUMNS = `id, target_clinic_id AS "clinicId", backup_id AS "backupId", created_at AS "createdAt",
  expires_at AS "expiresAt", revoked_at AS "revokedAt", operator_id AS "operatorId", recipients,
  downloads, last_downloaded_at AS "lastDownloadedAt"`;

/** 32 random bytes, base64url: the whole credential of a link. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Mints the owner's download link for a closed clinic's final export: a random token (returned
 * once, never stored: only its SHA-256 is) that expires after EXPORT_LINK_DAYS or at the end of
 * the grace period, whichever is first. Every earlier link of the clinic is revoked in the same
 * transaction, so only the newest link works. Refused unless the clinic is closed and its final
 * export is in the backup store.
 */
export async function createExportLink(
  slug: string,
  options: { ownerUrl: string; operatorId?: string | null; now?: () => Date },
): Promise<{ link: ExportLink; token: string; clinic: RegistryClinic; offboarding: Offboarding }> {
  const now = options.now?.() ?? new Date();
  return withClient(options.ownerUrl, async (owner) => {
    const clinic = await readRegistryClinic(owner, slug);
    const offboarding = await offboardingOf(owner, clinic.id);
    if (offboarding?.state !== 'closed') {
      throw new ArchiveError(
        'WRONG_STATE',
        `Clinic ${slug} is not closed: it has no final export.`,
      );
    }
    const backupId = offboarding.finalExport?.backupId;
    if (!backupId || !(await selectBackup(owner, backupId))) {
      throw new ArchiveError(
        'BACKUP_NOT_FOUND',
        `Clinic ${slug}'s final export is not in the backup store (it was closed without BACKUP_STORE): hand the file over yourself.`,
      );
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(
      Math.min(
        now.getTime() + EXPORT_LINK_DAYS * 86_400_000,
        new Date(offboarding.purgeAfter).getTime(),
      ),
    );
    await owner.query('BEGIN');
    try {
      await owner.query(
        `UPDATE public.clinic_export_links SET revoked_at = $2
          WHERE target_clinic_id = $1 AND revoked_at IS NULL`,
        [clinic.id, now],
      );
      const { rows } = await owner.query<ExportLink>(
        `INSERT INTO public.clinic_export_links
           (id, target_clinic_id, token_sha256, backup_id, created_at, expires_at, operator_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
        [
          randomUUID(),
          clinic.id,
          tokenHash(token),
          backupId,
          now,
          expiresAt,
          options.operatorId ?? null,
        ],
      );
      await owner.query('COMMIT');
      return { link: rows[0]!, token, clinic, offboarding };
    } catch (error) {
      await owner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}

/** Records how many owners the link was mailed to. */
export async function setExportLinkRecipients(
  ownerUrl: string,
  linkId: string,
  recipients: number,
): Promise<void> {
  await withClient(ownerUrl, (owner) =>
    owner.query('UPDATE public.clinic_export_links SET recipients = $2 WHERE id = $1', [
      linkId,
      recipients,
    ]),
  );
}

/** The clinic's newest link (the only one that can work), or null. */
export async function currentExportLink(
  ownerUrl: string,
  clinicId: string,
): Promise<ExportLink | null> {
  const { rows } = await withClient(ownerUrl, (owner) =>
    owner.query<ExportLink>(
      `SELECT ${COLUMNS} FROM public.clinic_export_links
        WHERE target_clinic_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
      [clinicId],
    ),
  );
  return rows[0] ?? null;
}

/** What a working link opens: the clinic and the backup to stream. */
export interface OpenedExportLink {
  link: ExportLink;
  clinic: RegistryClinic;
  backup: BackupRecord;
}

/**
 * Opens a link presented at `/final-export/<slug>/<token>`: null, alike, for a malformed or
 * unknown token, another clinic's token, a revoked or expired link, a clinic that is no longer
 * closed (reopened or purged) and a final export gone from the records. Nothing says which.
 */
export async function openExportLink(
  slug: string,
  token: string,
  options: { ownerUrl: string; now?: () => Date },
): Promise<OpenedExportLink | null> {
  if (!TOKEN.test(token) || !/^[a-z0-9-]{1,63}$/.test(slug)) return null;
  const now = options.now?.() ?? new Date();
  return withClient(options.ownerUrl, async (owner) => {
    const { rows } = await owner.query<ExportLink>(
      `SELECT ${COLUMNS} FROM public.clinic_export_links WHERE token_sha256 = $1`,
      [tokenHash(token)],
    );
    const link = rows[0];
    if (!link || link.revokedAt || link.expiresAt <= now) return null;
    const clinic = await readRegistryClinic(owner, slug).catch(() => null);
    if (!clinic || clinic.id !== link.clinicId) return null;
    if ((await offboardingOf(owner, clinic.id))?.state !== 'closed') return null;
    const backup = await selectBackup(owner, link.backupId);
    if (!backup || backup.clinicId !== clinic.id) return null;
    return { link, clinic, backup };
  });
}

/**
 * Counts a download and audits it: the platform log (`clinic.final_export_downloaded`) and the
 * clinic's own log, with the time and a keyed hash of the requester's IP (never the address).
 */
export async function recordExportDownload(
  opened: OpenedExportLink,
  request: { ip: string | null },
  options: {
    ownerUrl: string;
    /** Keys the IP's hash, so it cannot be reversed by hashing every address. */
    signingKey: string;
    secrets?: (name: string) => string | undefined;
    now?: () => Date;
  },
): Promise<{ downloads: number }> {
  const now = options.now?.() ?? new Date();
  const ipHash = request.ip
    ? createHmac('sha256', options.signingKey).update(`ip:${request.ip}`).digest('hex')
    : null;
  const metadata = {
    linkId: opened.link.id,
    backupId: opened.backup.id,
    bytes: opened.backup.bytes,
    ipHash,
  };
  const downloads = await withClient(options.ownerUrl, async (owner) => {
    await owner.query('BEGIN');
    try {
      const { rows } = await owner.query<{ downloads: number }>(
        `UPDATE public.clinic_export_links SET downloads = downloads + 1, last_downloaded_at = $2
          WHERE id = $1 RETURNING downloads`,
        [opened.link.id, now],
      );
      await owner.query(
        `INSERT INTO public.platform_audit_logs (id, action, target_clinic_id, metadata, created_at)
         VALUES (gen_random_uuid(), 'clinic.final_export_downloaded', $1, $2, $3)`,
        [opened.clinic.id, JSON.stringify(metadata), now],
      );
      await owner.query('COMMIT');
      return rows[0]!.downloads;
    } catch (error) {
      await owner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
  // The clinic's own log, while its rows exist (until the purge).
  const rows = clinicRows(opened.clinic, options.ownerUrl, options.secrets);
  await withClient(rows.connectionString, (client) =>
    writeOwnAudit(client, rows.schema, opened.clinic.id, metadata),
  );
  return { downloads };
}

async function writeOwnAudit(
  client: pg.Client,
  schema: string,
  clinicId: string,
  metadata: Record<string, unknown>,
): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query("SELECT set_config('app.current_tenant', $1, true)", [clinicId]);
    await client.query(
      `INSERT INTO ${client.escapeIdentifier(schema)}.audit_logs (clinic_id, id, actor_type, action, entity_type, entity_id, metadata)
       VALUES ($1, gen_random_uuid(), 'system', 'clinic.final_export_downloaded', 'Clinic', $3, $2)`,
      [clinicId, JSON.stringify(metadata), clinicId],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

async function offboardingOf(owner: pg.Client, clinicId: string): Promise<Offboarding | null> {
  const { rows } = await owner.query<{ offboarding: Offboarding | null }>(
    "SELECT onboarding->'offboarding' AS offboarding FROM public.clinics WHERE id = $1",
    [clinicId],
  );
  return rows[0]?.offboarding ?? null;
}
