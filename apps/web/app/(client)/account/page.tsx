import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

import { AccountSettings } from '~/components/account/account-settings';
import { CalendarFeedCard } from '~/components/account/calendar-feed-card';
import { PageHeader } from '@eventora/ui/page-header';
import { titled } from '~/i18n/page-title';
import { requireViewer } from '~/server/portal';

export const generateMetadata = titled('account');

export default async function AccountPage() {
  const viewer = await requireViewer();
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t('titles.account')} />
      <AccountSettings viewer={viewer} />
      <div className="mt-4 max-w-2xl">
        <CalendarFeedCard owner="client" />
      </div>
      {viewer.role === 'CLIENT' ? (
        <p className="mt-4 max-w-2xl text-sm">
          <Link
            href="/account/data"
            className="text-primary font-medium underline-offset-4 hover:underline"
          >
            {t('account.dataLink')}
          </Link>{' '}
          {t('account.dataText')}
        </p>
      ) : null}
    </>
  );
}
