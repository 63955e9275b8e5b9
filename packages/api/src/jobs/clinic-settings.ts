import type { PlatformClient } from '@eventora/auth';

/** What a clinic's scheduled work and its mail need from the registry. */
export interface ClinicSettings {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  brandColor: string | null;
  locale: 'en' | 'es';
  mailReplyTo: string | null;
  reminderHoursBefore: number;
  completionGraceHours: number;
  /** How long a freed slot is held for the waiting client it is offered to. */
  waitlistHoldMinutes: number;
}

/** Reads a clinic's settings from the registry (control plane). */
export async function readClinicSettings(
  platform: PlatformClient,
  clinicId: string,
): Promise<ClinicSettings> {
  const row = await platform.clinic.findUniqueOrThrow({
    where: { id: clinicId },
    select: {
      id: true,
      slug: true,
      name: true,
      timezone: true,
      brandColor: true,
      locale: true,
      mailReplyTo: true,
      reminderHoursBefore: true,
      completionGraceHours: true,
      waitlistHoldMinutes: true,
    },
  });
  return { ...row, locale: row.locale === 'es' ? 'es' : 'en' };
}
