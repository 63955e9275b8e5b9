'use client';

import { Button } from '@eventora/ui/button';
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from '@eventora/ui/dropdown-menu';
import { LogOut, UserRound } from 'lucide-react';
import { useTranslations } from 'next-intl';
import Link from 'next/link';

import type { Viewer } from '~/server/portal';
import { LanguageMenuItems } from './language-switcher';
import { useSignOut } from './sign-out';

/** The signed-in person's initials; opens account and sign-out. */
export function UserMenu({ viewer, accountHref }: { viewer: Viewer; accountHref: string }) {
  const signOut = useSignOut();
  const t = useTranslations();
  const initials = viewer.name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button
          variant="ghost"
          size="icon"
          className="rounded-full"
          aria-label={t('shell.accountMenu', { name: viewer.name })}
        >
          {/* The initials are a picture of the person, drawn by CSS: as text they would be the
              button's visible label without being in its name (WCAG 2.5.3, label in name). */}
          <span
            aria-hidden
            data-initials={initials}
            className="bg-secondary text-secondary-foreground flex size-9 items-center justify-center rounded-full text-sm font-semibold before:content-[attr(data-initials)]"
          >
            {initials ? null : <UserRound />}
          </span>
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end" className="w-60">
        <DropdownMenuLabel>
          <span className="block truncate font-medium">{viewer.name}</span>
          <span className="text-muted-foreground block truncate text-xs">
            {viewer.email} · {t(`common.roles.${viewer.role}`)}
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href={accountHref}>
            <UserRound /> {t('shell.account')}
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => signOut.mutate({})}>
          <LogOut /> {t('shell.signOut')}
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <LanguageMenuItems />
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
