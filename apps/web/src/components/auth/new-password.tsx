'use client';

import { Button } from '@eventora/ui/button';
import { FormField, type FormFieldProps } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import type { FieldValues } from 'react-hook-form';

import { AuthCard } from './auth-card';

/** A field that sets a new password (sign-up, reset, invitation), with the policy as its help. */
export function NewPasswordField<T extends FieldValues, TOut = T>({
  form,
  name,
  label,
  description,
  autoFocus,
}: Pick<FormFieldProps<T, TOut>, 'form' | 'name' | 'label' | 'description'> & {
  autoFocus?: boolean;
}) {
  const t = useTranslations('auth');
  return (
    <FormField form={form} name={name} label={label} description={description ?? t('passwordHelp')}>
      {(control) => (
        <Input type="password" autoComplete="new-password" autoFocus={autoFocus} {...control} />
      )}
    </FormField>
  );
}

/** What a token link's page shows when the link came without its token. */
export function IncompleteLink({
  description,
  href,
  action,
}: {
  description: string;
  href: string;
  action: string;
}) {
  const t = useTranslations('auth');
  return (
    <AuthCard title={t('incompleteTitle')} description={description}>
      <Button asChild size="lg" className="w-full">
        <Link href={href}>{action}</Link>
      </Button>
    </AuthCard>
  );
}
