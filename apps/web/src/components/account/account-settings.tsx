'use client';

import { Button } from '@eventora/ui/button';
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from '@eventora/ui/card';
import { errorMessage } from '@eventora/ui/error-message';
import { NativeSelect } from '@eventora/ui/native-select';
import { toast } from '@eventora/ui/toast';
import { useMutation } from '@tanstack/react-query';
import { KeyRound, Languages, LogOut, MonitorSmartphone } from 'lucide-react';
import { useTranslations } from 'next-intl';

import { useSwitchLanguage } from '~/components/shell/language-switcher';
import { useSignOut } from '~/components/shell/sign-out';
import { isLocaleCode, LANGUAGE_NAMES, LOCALE_CODES } from '~/i18n/locales';
import type { Viewer } from '~/server/portal';
import { useTRPC } from '~/trpc/react';

/** Who you are here, language, password change (by email link), and signing out. */
export function AccountSettings({ viewer }: { viewer: Viewer }) {
  const trpc = useTRPC();
  const signOut = useSignOut();
  const t = useTranslations();
  const language = useSwitchLanguage({ signedIn: true });
  const reset = useMutation(
    trpc.auth.requestPasswordReset.mutationOptions({
      onSuccess: () => toast.success(t('account.linkSent', { email: viewer.email })),
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <div className="grid max-w-2xl gap-4">
      <Card>
        <CardHeader>
          <CardTitle>{t('account.profile')}</CardTitle>
          <CardDescription>{t('account.profileText')}</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-[6rem_1fr] gap-y-2 text-sm">
            <dt className="text-muted-foreground">{t('account.name')}</dt>
            <dd className="font-medium">{viewer.name}</dd>
            <dt className="text-muted-foreground">{t('account.email')}</dt>
            <dd className="font-medium break-all">{viewer.email}</dd>
            <dt className="text-muted-foreground">{t('account.role')}</dt>
            <dd className="font-medium">{t(`common.roles.${viewer.role}`)}</dd>
          </dl>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>
            <label htmlFor="language" className="flex items-center gap-2">
              <Languages className="size-4" aria-hidden /> {t('account.language')}
            </label>
          </CardTitle>
          <CardDescription>{t('account.languageText')}</CardDescription>
        </CardHeader>
        <CardContent>
          <NativeSelect
            id="language"
            className="max-w-xs"
            defaultValue={viewer.locale ?? ''}
            disabled={language.pending}
            onChange={(event) => {
              const value = event.target.value;
              void language.switchTo(isLocaleCode(value) ? value : null);
            }}
          >
            <option value="">{t('account.languageClinic')}</option>
            {LOCALE_CODES.map((code) => (
              <option key={code} value={code} lang={code === 'es' ? 'es-MX' : 'en'}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </NativeSelect>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('account.password')}</CardTitle>
          <CardDescription>{t('account.passwordText')}</CardDescription>
        </CardHeader>
        <CardFooter>
          <Button
            variant="outline"
            loading={reset.isPending}
            onClick={() => reset.mutate({ email: viewer.email })}
          >
            <KeyRound /> {t('account.emailLink')}
          </Button>
        </CardFooter>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t('account.sessions')}</CardTitle>
          <CardDescription>{t('account.sessionsText')}</CardDescription>
        </CardHeader>
        <CardFooter className="flex-col items-stretch gap-2 sm:flex-row">
          <Button
            variant="outline"
            onClick={() => signOut.mutate({})}
            loading={signOut.isPending && !signOut.variables?.everywhere}
          >
            <LogOut /> {t('account.signOut')}
          </Button>
          <Button
            variant="destructive"
            onClick={() => signOut.mutate({ everywhere: true })}
            loading={signOut.isPending && Boolean(signOut.variables?.everywhere)}
          >
            <MonitorSmartphone /> {t('account.signOutEverywhere')}
          </Button>
        </CardFooter>
      </Card>
    </div>
  );
}
