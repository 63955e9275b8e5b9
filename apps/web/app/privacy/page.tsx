import { safeRedirectPath } from '@eventora/api/safe-redirect';
import { getLocale, getTranslations } from 'next-intl/server';

import { ClinicMark } from '~/components/clinic-mark';
import { AcceptNotice } from '~/components/privacy/accept-notice';
import { titled } from '~/i18n/page-title';
import { formatDate } from '~/lib/time';
import { getViewer, requireClinic } from '~/server/portal';
import { caller } from '~/trpc/server';

export const generateMetadata = titled('privacyNotice');

/**
 * The clinic's current privacy notice, for anyone. A client who has not accepted this version
 * is sent here at sign-in and accepts it before going on.
 */
export default async function PrivacyNoticePage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string }>;
}) {
  const clinic = await requireClinic();
  const api = await caller();
  const notice = await api.privacy.notice();
  const viewer = await getViewer();
  const status = viewer ? await api.privacy.consentStatus() : null;
  const next = safeRedirectPath((await searchParams).next) ?? '/book';
  const [t, locale] = await Promise.all([getTranslations('privacy'), getLocale()]);
  return (
    <main id="main" className="mx-auto grid w-full max-w-2xl gap-6 px-4 py-10">
      <div className="flex items-center gap-3">
        <ClinicMark name={clinic.name} className="size-9" />
        <div>
          <h1 className="text-2xl font-bold tracking-tight">{t('noticeTitle')}</h1>
          <p className="text-muted-foreground text-sm">
            {t('noticeMeta', {
              clinic: clinic.name,
              version: notice.version,
              date: formatDate(notice.publishedAt, locale),
            })}
          </p>
        </div>
      </div>
      {status?.needsConsent ? (
        <p role="status" className="bg-accent rounded-md px-3 py-2 text-sm">
          {status.acceptedVersion ? t('noticeUpdated') : t('noticeFirst')}
        </p>
      ) : null}
      <article className="bg-card rounded-lg border p-5 text-sm leading-relaxed whitespace-pre-line">
        {notice.body}
      </article>
      {status?.needsConsent ? <AcceptNotice version={notice.version} next={next} /> : null}
    </main>
  );
}
