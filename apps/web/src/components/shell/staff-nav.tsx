'use client';

import { Button } from '@eventora/ui/button';
import { cn } from '@eventora/ui/cn';
import { Sheet, SheetContent, SheetTitle, SheetTrigger } from '@eventora/ui/sheet';
import {
  Building2,
  CalendarDays,
  CalendarPlus,
  CalendarX2,
  ChartColumn,
  ClipboardList,
  HandCoins,
  Menu,
  Package,
  ScrollText,
  Settings,
  ShieldCheck,
  Stethoscope,
  UserCog,
  UsersRound,
} from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';

import type { Role } from '~/server/portal';

const ITEMS = [
  { href: '/staff', label: 'schedule', icon: CalendarDays, roles: ['OWNER', 'STAFF', 'THERAPIST'] },
  {
    href: '/staff/desk',
    label: 'desk',
    icon: ClipboardList,
    roles: ['OWNER', 'STAFF', 'THERAPIST'],
  },
  {
    href: '/staff/book',
    label: 'book',
    icon: CalendarPlus,
    roles: ['OWNER', 'STAFF'],
  },
  { href: '/staff/clients', label: 'clients', icon: UsersRound, roles: ['OWNER', 'STAFF'] },
  { href: '/staff/therapists', label: 'therapists', icon: Stethoscope, roles: ['OWNER', 'STAFF'] },
  { href: '/staff/branches', label: 'branches', icon: Building2, roles: ['OWNER', 'STAFF'] },
  { href: '/staff/services', label: 'services', icon: HandCoins, roles: ['OWNER', 'STAFF'] },
  { href: '/staff/packages', label: 'packages', icon: Package, roles: ['OWNER', 'STAFF'] },
  { href: '/staff/time-off', label: 'timeOff', icon: CalendarX2, roles: ['OWNER', 'STAFF'] },
  { href: '/staff/privacy', label: 'privacy', icon: ShieldCheck, roles: ['OWNER', 'STAFF'] },
  { href: '/staff/team', label: 'team', icon: UserCog, roles: ['OWNER'] },
  { href: '/staff/settings', label: 'settings', icon: Settings, roles: ['OWNER'] },
  { href: '/staff/reports', label: 'reports', icon: ChartColumn, roles: ['OWNER'] },
  { href: '/staff/audit', label: 'audit', icon: ScrollText, roles: ['OWNER'] },
] as const;

function NavList({ role, onNavigate }: { role: Role; onNavigate?: () => void }) {
  const pathname = usePathname();
  const t = useTranslations('shell.staff');
  return (
    <ul className="grid gap-1">
      {ITEMS.filter((item) => (item.roles as readonly string[]).includes(role)).map(
        ({ href, label, icon: Icon }) => {
          const active = href === '/staff' ? pathname === href : pathname.startsWith(href);
          return (
            <li key={href}>
              <Link
                href={href}
                onClick={onNavigate}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'focus-visible:ring-ring/60 flex items-center gap-3 rounded-lg px-3 py-2.5 text-sm font-medium focus-visible:ring-[3px] focus-visible:outline-none',
                  active
                    ? 'bg-accent text-foreground'
                    : 'text-muted-foreground hover:bg-muted hover:text-foreground',
                )}
              >
                <Icon className={cn('size-4', active && 'text-primary')} aria-hidden />
                {t(label)}
              </Link>
            </li>
          );
        },
      )}
    </ul>
  );
}

/** Desktop: a sidebar. */
export function StaffSidebar({ role }: { role: Role }) {
  const t = useTranslations('shell');
  return (
    <nav aria-label={t('staffNav')} className="hidden w-56 shrink-0 lg:block">
      <div className="sticky top-20">
        <NavList role={role} />
      </div>
    </nav>
  );
}

/** Phones and tablets: the same links in a sheet. */
export function StaffMenuButton({ role }: { role: Role }) {
  const [open, setOpen] = useState(false);
  const t = useTranslations('shell');
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className="lg:hidden" aria-label={t('openMenu')}>
          <Menu className="size-5" />
        </Button>
      </SheetTrigger>
      <SheetContent side="left" className="p-4 pt-12">
        <SheetTitle className="sr-only">{t('menu')}</SheetTitle>
        <nav aria-label={t('staffNav')}>
          <NavList role={role} onNavigate={() => setOpen(false)} />
        </nav>
      </SheetContent>
    </Sheet>
  );
}
