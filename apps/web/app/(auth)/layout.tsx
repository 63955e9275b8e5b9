import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import type { ReactNode } from 'react';

import { ClinicMark } from '~/components/clinic-mark';
import { LanguageToggle } from '~/components/shell/language-switcher';
import { requireClinic } from '~/server/portal';

export default async function AuthLayout({ children }: { children: ReactNode }) {
  const clinic = await requireClinic();
  const t = await getTranslations('welcome');
  return (
    <div className="flex min-h-dvh flex-col">
      <div className="bg-primary/8 absolute inset-x-0 top-0 -z-10 h-72" aria-hidden />
      <div className="mx-auto flex w-full max-w-md justify-end px-4 pt-3">
        <LanguageToggle />
      </div>
      <main className="mx-auto flex w-full max-w-md flex-1 flex-col px-4 pt-2 pb-8 sm:pb-16">
        <Link
          href="/"
          className="mb-8 flex items-center gap-3 self-center rounded-md focus-visible:ring-[3px] focus-visible:ring-ring/60 focus-visible:outline-none"
        >
          <ClinicMark name={clinic.name} className="size-11 text-base" />
          <span className="text-xl font-semibold tracking-tight">{clinic.name}</span>
        </Link>
        {children}
      </main>
      <footer className="text-muted-foreground pb-6 text-center text-xs">{t('footer')}</footer>
    </div>
  );
}
