import { getTranslations } from 'next-intl/server';

import { AccountSettings } from '~/components/account/account-settings';
import { CalendarFeedCard } from '~/components/account/calendar-feed-card';
import { PageHeader } from '@eventora/ui/page-header';
import { titled } from '~/i18n/page-title';
import { requireViewer } from '~/server/portal';

export const generateMetadata = titled('account');

export default async function StaffAccountPage() {
  const viewer = await requireViewer(['OWNER', 'STAFF', 'THERAPIST']);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t('titles.account')} />
      <AccountSettings viewer={viewer} />
      <div className="mt-4 max-w-2xl">
        <CalendarFeedCard owner="therapist" />
      </div>
    </>
  );
}
