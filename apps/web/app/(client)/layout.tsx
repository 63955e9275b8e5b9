import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';

import { ClinicMark } from '~/components/clinic-mark';
import { ClientTabBar, ClientTopNav } from '~/components/shell/client-nav';
import { UserMenu } from '~/components/shell/user-menu';
import { requireClinic, requireViewer } from '~/server/portal';
import { caller } from '~/trpc/server';

/** The client's portal: header with the clinic's brand, tab bar on phones. */
export default async function ClientLayout({ children }: { children: ReactNode }) {
  const clinic = await requireClinic();
  const viewer = await requireViewer(['CLIENT']);
  const t = await getTranslations();
  // A notice the client has not accepted yet (new, or republished) is asked for first.
  if ((await (await caller()).privacy.consentStatus()).needsConsent) {
    const path = (await headers()).get('x-portal-path') ?? '/book';
    redirect(`/privacy?next=${encodeURIComponent(path)}`);
  }
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="bg-primary text-primary-foreground sr-only z-50 rounded-md px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:ring-[3px] focus:ring-ring/60 focus:outline-none"
      >
        {t('common.skipToContent')}
      </a>
      <header className="bg-card/90 sticky top-0 z-30 border-b backdrop-blur">
        <div className="mx-auto flex h-14 max-w-5xl items-center justify-between gap-3 px-4">
          <Link
            href="/book"
            className="focus-visible:ring-ring/60 flex min-w-0 items-center gap-2.5 rounded-md font-semibold focus-visible:ring-[3px] focus-visible:outline-none"
          >
            <ClinicMark name={clinic.name} className="size-8" />
            <span className="truncate">{clinic.name}</span>
          </Link>
          <ClientTopNav />
          <UserMenu viewer={viewer} accountHref="/account" />
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 pt-5 pb-28 md:pb-12">
        {children}
      </main>
      <ClientTabBar />
    </div>
  );
}
