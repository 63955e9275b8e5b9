import type { Prisma, TenantClient } from '@eventora/tenancy';

import { AppError } from '../errors/app-error';
import { DEFAULT_RETENTION_MONTHS, defaultNoticeBody } from './default-notice';

type NoticeDb = Pick<TenantClient, 'privacyNotice'>;

export const noticeSelect = {
  version: true,
  body: true,
  retentionMonths: true,
  publishedAt: true,
} satisfies Prisma.PrivacyNoticeSelect;

export type PrivacyNotice = Prisma.PrivacyNoticeGetPayload<{ select: typeof noticeSelect }>;

/**
 * The clinic's current privacy notice. A clinic that never published one gets version 1, the
 * default text with its name, written on first use so that every consent points at a stored
 * text (what a person accepted can always be shown again).
 */
export async function currentNotice(
  db: NoticeDb,
  clinic: { id: string; name: string },
): Promise<PrivacyNotice> {
  const latest = await db.privacyNotice.findFirst({
    orderBy: { version: 'desc' },
    select: noticeSelect,
  });
  if (latest) return latest;
  // Two first visitors at once: the second insert finds the row the first wrote.
  await db.privacyNotice.createMany({
    data: [
      {
        clinicId: clinic.id,
        version: 1,
        body: defaultNoticeBody(clinic.name, DEFAULT_RETENTION_MONTHS),
        retentionMonths: DEFAULT_RETENTION_MONTHS,
      },
    ],
    skipDuplicates: true,
  });
  return db.privacyNotice.findFirstOrThrow({
    orderBy: { version: 'desc' },
    select: noticeSelect,
  });
}

/** Refuses a version other than the clinic's current notice (read an old text: read again). */
export async function assertCurrentNotice(
  db: NoticeDb,
  clinic: { id: string; name: string },
  version: number,
): Promise<PrivacyNotice> {
  const notice = await currentNotice(db, clinic);
  if (version !== notice.version) {
    throw new AppError(
      'CONFLICT',
      'The privacy notice has changed since you opened it. Please read the current version.',
      [{ field: 'acceptedNoticeVersion', message: 'Read and accept the current notice.' }],
    );
  }
  return notice;
}
