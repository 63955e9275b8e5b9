import { Badge } from '@eventora/ui/badge';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import type { ReactNode } from 'react';

import { ClinicMark } from '~/components/clinic-mark';
import { StaffMenuButton, StaffSidebar } from '~/components/shell/staff-nav';
import { UserMenu } from '~/components/shell/user-menu';
import { requireClinic, requireViewer } from '~/server/portal';

/** The clinic's back office: staff and owners run it; therapists see their schedule. */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const clinic = await requireClinic();
  const viewer = await requireViewer(['OWNER', 'STAFF', 'THERAPIST']);
  const t = await getTranslations();
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="bg-primary text-primary-foreground sr-only z-50 rounded-md px-3 py-2 focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:ring-[3px] focus:ring-ring/60 focus:outline-none"
      >
        {t('common.skipToContent')}
      </a>
      <header className="bg-card/90 sticky top-0 z-30 border-b backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center justify-between gap-3 px-4">
          <div className="flex min-w-0 items-center gap-1">
            <StaffMenuButton role={viewer.role} />
            <Link
              href="/staff"
              className="focus-visible:ring-ring/60 flex min-w-0 items-center gap-2.5 rounded-md font-semibold focus-visible:ring-[3px] focus-visible:outline-none"
            >
              <ClinicMark name={clinic.name} className="size-8" />
              <span className="truncate">{clinic.name}</span>
            </Link>
            <Badge variant="secondary" className="ml-1 hidden sm:inline-flex">
              {t(`common.roles.${viewer.role}`)}
            </Badge>
          </div>
          <UserMenu viewer={viewer} accountHref="/staff/account" />
        </div>
      </header>
      <div className="mx-auto flex w-full max-w-7xl flex-1 gap-8 px-4 py-6">
        <StaffSidebar role={viewer.role} />
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
