import { getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';

import { serverEnv } from '~/server/env';
import { LanguageToggle } from '~/components/shell/language-switcher';
import { ClinicFinder } from './clinic-finder';

const DEMO_CLINICS = [
  { slug: 'alpha', name: 'Alpha Physio' },
  { slug: 'beta', name: 'Beta Wellness' },
  { slug: 'gamma', name: 'Gamma Rehab' },
];

/** The front door without a clinic in the address: find your clinic's portal. */
export async function Landing() {
  const env = serverEnv();
  const t = await getTranslations('landing');
  const host = (await headers()).get('host') ?? env.ROOT_DOMAIN;
  const port = /:(\d+)$/.exec(host)?.[1];
  const protocol = env.ROOT_DOMAIN === 'localhost' ? 'http' : 'https';
  const origin = (slug: string) =>
    `${protocol}://${slug}.${env.ROOT_DOMAIN}${port ? `:${port}` : ''}`;
  const demos = env.NODE_ENV === 'production' ? [] : DEMO_CLINICS;
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-8 px-4 py-12">
      <LanguageToggle className="self-end" />
      <div className="grid gap-2 text-center">
        <span
          aria-hidden
          className="bg-primary text-primary-foreground mx-auto mb-2 flex size-12 items-center justify-center rounded-xl text-xl font-bold"
        >
          E
        </span>
        <h1 className="text-2xl font-bold tracking-tight">{t('title')}</h1>
        <p className="text-muted-foreground">{t('intro')}</p>
      </div>
      <ClinicFinder suffix={`.${env.ROOT_DOMAIN}${port ? `:${port}` : ''}`} protocol={protocol} />
      {demos.length > 0 ? (
        <nav aria-label={t('demos')} className="grid gap-2">
          <p className="text-muted-foreground text-center text-sm">{t('demosNote')}</p>
          <ul className="grid gap-2">
            {demos.map((clinic) => (
              <li key={clinic.slug}>
                <a
                  href={origin(clinic.slug)}
                  className="bg-card hover:bg-accent focus-visible:ring-ring/60 flex items-center justify-between rounded-lg border px-4 py-3 font-medium focus-visible:ring-[3px] focus-visible:outline-none"
                >
                  {clinic.name}
                  <span className="text-muted-foreground text-sm font-normal">{clinic.slug}</span>
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </main>
  );
}
