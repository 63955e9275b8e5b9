import type { Metadata } from 'next';
import Link from 'next/link';

import { AccountSettings } from '~/components/account/account-settings';
import { CalendarFeedCard } from '~/components/account/calendar-feed-card';
import { PageHeader } from '@eventora/ui/page-header';
import { requireViewer } from '~/server/portal';

export const metadata: Metadata = { title: 'Account' };

export default async function AccountPage() {
  const viewer = await requireViewer();
  return (
    <>
      <PageHeader title="Account" />
      <AccountSettings viewer={viewer} />
      <div className="mt-4 max-w-2xl">
        <CalendarFeedCard what="Your bookings" />
      </div>
      {viewer.role === 'CLIENT' ? (
        <p className="mt-4 max-w-2xl text-sm">
          <Link
            href="/account/data"
            className="text-primary font-medium underline-offset-4 hover:underline"
          >
            Your data and privacy
          </Link>{' '}
          — download a copy, correct your details, see who opened your record, or ask to be
          forgotten.
        </p>
      ) : null}
    </>
  );
}
