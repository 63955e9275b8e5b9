'use client';

import { cn } from '@eventora/ui/cn';
import { CalendarPlus, CalendarRange, Package, UserRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const ITEMS = [
  { href: '/book', label: 'book', icon: CalendarPlus },
  { href: '/bookings', label: 'bookings', short: 'bookingsShort', icon: CalendarRange },
  { href: '/packages', label: 'packages', icon: Package },
  { href: '/account', label: 'account', icon: UserRound },
] as const;

const isActive = (pathname: string, href: string) =>
  pathname === href || pathname.startsWith(`${href}/`);

/** Desktop: links in the header. */
export function ClientTopNav() {
  const pathname = usePathname();
  const t = useTranslations('shell');
  return (
    <nav aria-label={t('mainNav')} className="hidden items-center gap-1 md:flex">
      {ITEMS.map((item) => (
        <Link
          key={item.href}
          href={item.href}
          aria-current={isActive(pathname, item.href) ? 'page' : undefined}
          className={cn(
            'text-muted-foreground hover:text-foreground focus-visible:ring-ring/60 rounded-md px-3 py-2 text-sm font-medium focus-visible:ring-[3px] focus-visible:outline-none',
            'aria-[current=page]:bg-accent aria-[current=page]:text-foreground',
          )}
        >
          {t(`client.${item.label}`)}
        </Link>
      ))}
    </nav>
  );
}

/** Phones: a tab bar at the bottom, within thumb's reach. */
export function ClientTabBar() {
  const pathname = usePathname();
  const t = useTranslations('shell');
  return (
    <nav
      aria-label={t('mainNav')}
      data-tab-bar
      className="bg-card/95 fixed inset-x-0 bottom-0 z-40 border-t pb-[env(safe-area-inset-bottom)] backdrop-blur md:hidden"
    >
      <ul className="grid grid-cols-4">
        {ITEMS.map(({ href, label, icon: Icon, ...rest }) => {
          const active = isActive(pathname, href);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'focus-visible:ring-ring/60 flex flex-col items-center gap-1 py-2.5 text-[0.7rem] font-medium focus-visible:ring-[3px] focus-visible:outline-none focus-visible:ring-inset',
                  active ? 'text-primary' : 'text-muted-foreground',
                )}
              >
                <Icon className="size-5" aria-hidden />
                {t(`client.${'short' in rest ? rest.short : label}`)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
