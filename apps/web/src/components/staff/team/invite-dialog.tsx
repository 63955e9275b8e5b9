'use client';

import { ZTeamInviteInput } from '@eventora/api/schemas';
import { ActionDialog, DialogActions } from '@eventora/ui/action-dialog';
import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Field, fieldAria } from '@eventora/ui/field';
import { applyServerError, FormError, useZodForm } from '@eventora/ui/form';
import { Input } from '@eventora/ui/input';
import { NativeSelect } from '@eventora/ui/native-select';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { MailCheck } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';
import { TEAM_ROLES } from './member-row';

/** Invites someone to the team: the link goes out by email (valid 7 days, single use). */
export function InviteDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations('staff.invite');
  const roles = useTranslations('common.roles');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm(ZTeamInviteInput, {
    defaultValues: { name: '', email: '', role: 'STAFF' },
  });
  // Development builds reveal the link (no mail is sent there); production never does.
  const [sent, setSent] = useState<{ email: string; link: string | null }>();
  const invite = useMutation(
    trpc.team.invite.mutationOptions({
      onSuccess: ({ member, invitationLink }) => {
        toast.success(t('sentToast', { email: member.email }));
        setSent({ email: member.email, link: invitationLink });
        form.reset({ name: '', email: '', role: 'STAFF' });
        void queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
      },
      onError: (error) => applyServerError(form, error, ['name', 'email', 'role']),
    }),
  );
  const { errors } = form.formState;
  const close = (next: boolean) => {
    if (!next) setSent(undefined);
    onOpenChange(next);
  };
  return (
    <ActionDialog
      open={open}
      onOpenChange={close}
      title={t('title')}
      description={t('description')}
    >
      {sent ? (
        <div className="grid gap-4">
          <Alert variant="info">
            <MailCheck />
            <AlertTitle>{t('sent', { email: sent.email })}</AlertTitle>
            <AlertDescription>
              {sent.link ? (
                <span className="break-all">
                  {t('devLink')} <a href={sent.link}>{sent.link}</a>
                </span>
              ) : (
                t('pending')
              )}
            </AlertDescription>
          </Alert>
          <DialogActions
            cancelLabel={t('another')}
            onCancel={() => setSent(undefined)}
            submitLabel={t('done')}
            onSubmit={() => close(false)}
          />
        </div>
      ) : (
        <form
          noValidate
          className="grid gap-4"
          onSubmit={form.handleSubmit((values) => invite.mutate(values))}
        >
          <FormError message={errors.root?.server?.message} />
          <Field id="invite-name" label={t('name')} error={errors.name?.message}>
            <Input
              autoComplete="off"
              {...fieldAria('invite-name', errors.name?.message)}
              {...form.register('name')}
            />
          </Field>
          <Field id="invite-email" label={t('email')} error={errors.email?.message}>
            <Input
              type="email"
              inputMode="email"
              autoComplete="off"
              {...fieldAria('invite-email', errors.email?.message)}
              {...form.register('email')}
            />
          </Field>
          <Field
            id="invite-role"
            label={t('role')}
            description={t('roleText')}
            error={errors.role?.message}
          >
            <NativeSelect
              {...fieldAria('invite-role', errors.role?.message, true)}
              {...form.register('role')}
            >
              {TEAM_ROLES.map((role) => (
                <option key={role} value={role}>
                  {roles(role)}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <DialogActions
            onCancel={() => close(false)}
            submitLabel={t('send')}
            submitType="submit"
            pending={invite.isPending}
          />
        </form>
      )}
    </ActionDialog>
  );
}
