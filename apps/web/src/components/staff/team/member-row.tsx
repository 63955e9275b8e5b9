'use client';

import { ActionDialog, DialogActions } from '@eventora/ui/action-dialog';
import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { errorMessage } from '@eventora/ui/error-message';
import { Label } from '@eventora/ui/label';
import { NativeSelect } from '@eventora/ui/native-select';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useFormat } from '~/i18n/use-format';
import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';

type Member = RouterOutputs['team']['list'][number];

/** The roles a team member can hold (named by `common.roles`). */
export const TEAM_ROLES = ['OWNER', 'STAFF', 'THERAPIST'] as const;

/** Each status's badge colour (its name is `staff.team.status.<status>`). */
const STATUS = {
  active: 'success',
  invited: 'warning',
  disabled: 'destructive',
} as const;

/** One team member: who, status, last sign-in, and the owner's controls. */
export function MemberRow({
  member,
  isViewer,
  onRefused,
  onChanged,
}: {
  member: Member;
  isViewer: boolean;
  onRefused: (message: string) => void;
  onChanged: () => void;
}) {
  const { formatDate, relativeTo } = useFormat();
  const t = useTranslations('staff.team');
  const roles = useTranslations('common.roles');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirmDisable, setConfirmDisable] = useState(false);
  const options = {
    onSuccess: () => {
      onChanged();
      void queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
    },
    onError: (error: unknown) => onRefused(errorMessage(error)),
  };
  const changeRole = useMutation(
    trpc.team.changeRole.mutationOptions({
      ...options,
      onSuccess: (updated) => {
        toast.success(t('roleChanged', { name: updated.name, role: updated.role }));
        options.onSuccess();
      },
    }),
  );
  const setDisabled = useMutation(
    trpc.team.setDisabled.mutationOptions({
      ...options,
      onSuccess: (updated) => {
        setConfirmDisable(false);
        toast.success(
          updated.status === 'disabled'
            ? t('disabledToast', { name: updated.name })
            : t('enabledToast', { name: updated.name }),
        );
        options.onSuccess();
      },
      onError: (error) => {
        setConfirmDisable(false);
        options.onError(error);
      },
    }),
  );
  const resend = useMutation(
    trpc.team.resendInvitation.mutationOptions({
      ...options,
      onSuccess: () => {
        toast.success(t('resent', { email: member.email }));
        options.onSuccess();
      },
    }),
  );
  const selectId = `role-${member.id}`;
  return (
    <li
      className="grid gap-3 p-4 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center"
      aria-label={member.name}
    >
      <div className="grid min-w-0 gap-1">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          <span className="truncate">{member.name}</span>
          {isViewer ? <Badge variant="outline">{t('you')}</Badge> : null}
          <Badge variant={STATUS[member.status]}>{t(`status.${member.status}`)}</Badge>
        </p>
        <p className="text-muted-foreground truncate text-sm">{member.email}</p>
        <p className="text-muted-foreground text-xs">
          {member.status === 'invited'
            ? member.invitationExpiresAt
              ? t('invitationUntil', { date: formatDate(member.invitationExpiresAt) })
              : t('invitationExpired')
            : member.lastSignInAt
              ? t('lastSignIn', { when: relativeTo(member.lastSignInAt, new Date()) })
              : t('neverSignedIn')}
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <div className="grid gap-1">
          <Label htmlFor={selectId} className="text-muted-foreground text-xs">
            {t('role')}
          </Label>
          <NativeSelect
            id={selectId}
            aria-label={t('roleOf', { name: member.name })}
            className="w-36"
            value={member.role}
            disabled={changeRole.isPending || member.status === 'disabled'}
            onChange={(event) =>
              changeRole.mutate({ userId: member.id, role: event.target.value as Member['role'] })
            }
          >
            {TEAM_ROLES.map((role) => (
              <option key={role} value={role}>
                {roles(role)}
              </option>
            ))}
          </NativeSelect>
        </div>
        {member.status === 'invited' ? (
          <Button
            variant="outline"
            size="sm"
            className="h-10"
            loading={resend.isPending}
            onClick={() => resend.mutate({ userId: member.id })}
          >
            {t('sendAgain')}
          </Button>
        ) : null}
        {member.status === 'disabled' ? (
          <Button
            variant="outline"
            size="sm"
            className="h-10"
            loading={setDisabled.isPending}
            onClick={() => setDisabled.mutate({ userId: member.id, disabled: false })}
            aria-label={t('enableName', { name: member.name })}
          >
            {t('enable')}
          </Button>
        ) : (
          <Button
            variant="outline"
            size="sm"
            className="h-10"
            onClick={() => setConfirmDisable(true)}
            aria-label={t('disableName', { name: member.name })}
          >
            {t('disable')}
          </Button>
        )}
      </div>
      <ActionDialog
        open={confirmDisable}
        onOpenChange={setConfirmDisable}
        busy={setDisabled.isPending}
        title={t('disableTitle', { name: member.name })}
        description={t('disableText')}
      >
        <DialogActions
          cancelLabel={t('keep')}
          onCancel={() => setConfirmDisable(false)}
          submitLabel={t('disable')}
          variant="destructive"
          onSubmit={() => setDisabled.mutate({ userId: member.id, disabled: true })}
          pending={setDisabled.isPending}
        />
      </ActionDialog>
    </li>
  );
}
