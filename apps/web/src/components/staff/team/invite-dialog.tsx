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
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';
import { ROLE_LABELS } from './member-row';

/** Invites someone to the team: the link goes out by email (valid 7 days, single use). */
export function InviteDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
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
        toast.success(`Invitation sent to ${member.email}.`);
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
      title="Invite to the team"
      description="They get an email with a link to choose a password; it works once, for 7 days."
    >
      {sent ? (
        <div className="grid gap-4">
          <Alert variant="info">
            <MailCheck />
            <AlertTitle>Invitation sent to {sent.email}</AlertTitle>
            <AlertDescription>
              {sent.link ? (
                <span className="break-all">
                  Development link: <a href={sent.link}>{sent.link}</a>
                </span>
              ) : (
                'They appear on the team as invited until they accept.'
              )}
            </AlertDescription>
          </Alert>
          <DialogActions
            cancelLabel="Invite someone else"
            onCancel={() => setSent(undefined)}
            submitLabel="Done"
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
          <Field id="invite-name" label="Name" error={errors.name?.message}>
            <Input
              autoComplete="off"
              {...fieldAria('invite-name', errors.name?.message)}
              {...form.register('name')}
            />
          </Field>
          <Field id="invite-email" label="Email" error={errors.email?.message}>
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
            label="Role"
            description="Staff run the desk and the calendar; a therapist sees their own sessions; owners also manage the team and settings."
            error={errors.role?.message}
          >
            <NativeSelect
              {...fieldAria('invite-role', errors.role?.message, true)}
              {...form.register('role')}
            >
              {Object.entries(ROLE_LABELS).map(([role, label]) => (
                <option key={role} value={role}>
                  {label}
                </option>
              ))}
            </NativeSelect>
          </Field>
          <DialogActions
            onCancel={() => close(false)}
            submitLabel="Send invitation"
            submitType="submit"
            pending={invite.isPending}
          />
        </form>
      )}
    </ActionDialog>
  );
}
