import type { PortalClinic } from '@eventora/api';
import { Button } from '@eventora/ui/button';
import { CalendarCheck, Clock, Package } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';

import { ClinicMark } from '~/components/clinic-mark';
import { LanguageToggle } from '~/components/shell/language-switcher';

/** A clinic's front page for visitors who are not signed in. */
export async function ClinicWelcome({ clinic }: { clinic: PortalClinic }) {
  const t = await getTranslations('welcome');
  const features = [
    { icon: CalendarCheck, title: t('bookTitle'), text: t('bookText') },
    { icon: Package, title: t('packagesTitle'), text: t('packagesText') },
    {
      icon: Clock,
      title: t('plansTitle'),
      text: t('plansText', { hours: clinic.cancellationWindowHours }),
    },
  ];
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="mx-auto flex w-full max-w-5xl items-center justify-between gap-3 px-4 py-4">
        <span className="flex items-center gap-2.5 font-semibold">
          <ClinicMark name={clinic.name} />
          {clinic.name}
        </span>
        <span className="flex items-center gap-1">
          <LanguageToggle />
          <Button asChild variant="ghost">
            <Link href="/sign-in">{t('signIn')}</Link>
          </Button>
        </span>
      </header>
      <main className="flex-1">
        <section className="bg-primary text-primary-foreground">
          <div className="mx-auto grid max-w-5xl gap-6 px-4 py-14 sm:py-20">
            <h1 className="max-w-2xl text-3xl font-bold tracking-tight text-balance sm:text-5xl">
              {t('headline', { clinic: clinic.name })}
            </h1>
            <p className="max-w-xl text-lg opacity-90">{t('lead')}</p>
            <div className="flex flex-col gap-3 sm:flex-row">
              <Button asChild size="lg" variant="secondary">
                <Link href="/sign-up">{t('signUp')}</Link>
              </Button>
              <Button
                asChild
                size="lg"
                variant="outline"
                className="border-primary-foreground/40 text-primary-foreground bg-transparent hover:bg-white/10 hover:text-primary-foreground"
              >
                <Link href="/sign-in">{t('haveAccount')}</Link>
              </Button>
            </div>
          </div>
        </section>
        <section className="mx-auto grid max-w-5xl gap-4 px-4 py-12 sm:grid-cols-3">
          {features.map(({ icon: Icon, title, text }) => (
            <div key={title} className="bg-card rounded-xl border p-5">
              <Icon className="text-primary mb-3 size-6" aria-hidden />
              <h2 className="font-semibold">{title}</h2>
              <p className="text-muted-foreground mt-1 text-sm">{text}</p>
            </div>
          ))}
        </section>
      </main>
      <footer className="text-muted-foreground py-6 text-center text-xs">{t('footer')}</footer>
    </div>
  );
}
