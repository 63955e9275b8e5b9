'use client';

import { Button } from '@eventora/ui/button';
import { DropdownMenuItem, DropdownMenuLabel } from '@eventora/ui/dropdown-menu';
import { toast } from '@eventora/ui/toast';
import { useMutation } from '@tanstack/react-query';
import { Check, Languages } from 'lucide-react';
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';

import {
  codeOf,
  LANGUAGE_NAMES,
  LOCALE_CODES,
  LOCALE_COOKIE,
  LOCALE_COOKIE_MAX_AGE,
  type LocaleCode,
} from '~/i18n/locales';
import { useTRPC } from '~/trpc/react';

/**
 * Switches the page's language. A visitor's choice is kept in the `locale` cookie; a signed-in
 * person's is saved on their account too (null: the clinic's), so their mail follows it.
 */
export function useSwitchLanguage({ signedIn }: { signedIn: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const t = useTranslations('language');
  const save = useMutation(trpc.auth.setLocale.mutationOptions());
  return {
    pending: save.isPending,
    switchTo: async (code: LocaleCode | null) => {
      try {
        if (signedIn) await save.mutateAsync({ locale: code });
        document.cookie =
          code === null
            ? `${LOCALE_COOKIE}=; path=/; max-age=0; samesite=lax`
            : `${LOCALE_COOKIE}=${code}; path=/; max-age=${LOCALE_COOKIE_MAX_AGE}; samesite=lax`;
        router.refresh();
      } catch {
        toast.error(t('failed'));
      }
    },
  };
}

/** The user menu's language items: each language named in itself, the current one ticked. */
export function LanguageMenuItems() {
  const t = useTranslations('language');
  const current = codeOf(useLocale());
  const { switchTo } = useSwitchLanguage({ signedIn: true });
  return (
    <>
      <DropdownMenuLabel className="text-muted-foreground text-xs">{t('label')}</DropdownMenuLabel>
      {LOCALE_CODES.map((code) => (
        <DropdownMenuItem
          key={code}
          lang={code === 'es' ? 'es-MX' : 'en'}
          onSelect={() => void switchTo(code)}
          aria-current={code === current ? 'true' : undefined}
        >
          {code === current ? <Check /> : <span className="size-4" aria-hidden />}
          {LANGUAGE_NAMES[code]}
        </DropdownMenuItem>
      ))}
    </>
  );
}

/** For visitors (landing, sign-in): one button naming the other language in that language. */
export function LanguageToggle({ className }: { className?: string }) {
  const current = codeOf(useLocale());
  const other: LocaleCode = current === 'es' ? 'en' : 'es';
  const { switchTo, pending } = useSwitchLanguage({ signedIn: false });
  return (
    <Button
      type="button"
      variant="ghost"
      size="sm"
      className={className}
      lang={other === 'es' ? 'es-MX' : 'en'}
      disabled={pending}
      onClick={() => void switchTo(other)}
    >
      <Languages aria-hidden />
      {LANGUAGE_NAMES[other]}
    </Button>
  );
}
