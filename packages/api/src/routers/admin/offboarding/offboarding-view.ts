import type { ExportLink, Offboarding } from '@eventora/tenancy/offboarding';

import type { RegistryRow } from '../clinic/registry';

const DAY_MS = 86_400_000;

/** The offboarding kept in the clinic's registry entry (`onboarding.offboarding`), or none. */
export function offboardingOf(row: RegistryRow): Offboarding | null {
  const value = (row.onboarding as Record<string, unknown> | null)?.offboarding;
  return value && typeof value === 'object' ? (value as Offboarding) : null;
}

export function toOffboardingView(
  offboarding: Offboarding | null,
  now: Date,
  link: ExportLink | null = null,
) {
  if (!offboarding) return null;
  const purgeAfter = new Date(offboarding.purgeAfter);
  return {
    state: offboarding.state,
    closedAt: new Date(offboarding.closedAt),
    purgeAfter,
    daysLeft: Math.max(0, Math.ceil((purgeAfter.getTime() - now.getTime()) / DAY_MS)),
    cancellable: offboarding.state === 'closed',
    finalExport: offboarding.finalExport
      ? {
          bytes: offboarding.finalExport.bytes,
          rows: offboarding.finalExport.rows,
          inStore: Boolean(offboarding.finalExport.backupId),
        }
      : null,
    link: link && {
      state: link.revokedAt
        ? ('revoked' as const)
        : link.expiresAt <= now
          ? ('expired' as const)
          : ('active' as const),
      createdAt: link.createdAt,
      expiresAt: link.expiresAt,
      recipients: link.recipients,
      downloads: link.downloads,
      lastDownloadedAt: link.lastDownloadedAt,
    },
    reopenedAt: offboarding.reopenedAt ? new Date(offboarding.reopenedAt) : null,
    purgedAt: offboarding.purgedAt ? new Date(offboarding.purgedAt) : null,
  };
}
