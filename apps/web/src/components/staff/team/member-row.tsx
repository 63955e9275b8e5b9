'use client';

import { ActionDialog, DialogActions } from '@eventora/ui/action-dialog';
import { Badge } from '@eventora/ui/badge';
import { Button } from '@eventora/ui/button';
import { errorMessage } from '@eventora/ui/error-message';
import { Label } from '@eventora/ui/label';
import { NativeSelect } from '@eventora/ui/native-select';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import { useFormat } from '~/i18n/use-format';
import type { RouterOutputs } from '~/trpc/outputs';
import { useTRPC } from '~/trpc/react';

type Member = RouterOutputs['team']['list'][number];

export const ROLE_LABELS = { OWNER: 'Owner', STAFF: 'Staff', THERAPIST: 'Therapist' } as const;

const STATUS = {
  active: ['Active', 'success'],
  invited: ['Invited', 'warning'],
  disabled: ['Disabled', 'destructive'],
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
        toast.success(`${updated.name} is now ${ROLE_LABELS[updated.role].toLowerCase()}.`);
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
            ? `${updated.name} is disabled.`
            : `${updated.name} can sign in again.`,
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
        toast.success(`A new invitation is on its way to ${member.email}.`);
        options.onSuccess();
      },
    }),
  );
  const [statusLabel, statusVariant] = STATUS[member.status];
  const selectId = `role-${member.id}`;
  return (
    <li
      className="grid gap-3 p-4 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-center"
      aria-label={member.name}
    >
      <div className="grid min-w-0 gap-1">
        <p className="flex flex-wrap items-center gap-2 font-medium">
          <span className="truncate">{member.name}</span>
          {isViewer ? <Badge variant="outline">You</Badge> : null}
          <Badge variant={statusVariant}>{statusLabel}</Badge>
        </p>
        <p className="text-muted-foreground truncate text-sm">{member.email}</p>
        <p className="text-muted-foreground text-xs">
          {member.status === 'invited'
            ? member.invitationExpiresAt
              ? `Invitation valid until ${formatDate(member.invitationExpiresAt)}`
              : 'Invitation expired'
            : member.lastSignInAt
              ? `Last signed in ${relativeTo(member.lastSignInAt, new Date())}`
              : 'Never signed in'}
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-2">
        <div className="grid gap-1">
          <Label htmlFor={selectId} className="text-muted-foreground text-xs">
            Role
          </Label>
          <NativeSelect
            id={selectId}
            aria-label={`Role of ${member.name}`}
            className="w-36"
            value={member.role}
            disabled={changeRole.isPending || member.status === 'disabled'}
            onChange={(event) =>
              changeRole.mutate({ userId: member.id, role: event.target.value as Member['role'] })
            }
          >
            {Object.entries(ROLE_LABELS).map(([role, label]) => (
              <option key={role} value={role}>
                {label}
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
            Send again
          </Button>
        ) : null}
        {member.status === 'disabled' ? (
          <Button
            variant="outline"
            size="sm"
            className="h-10"
            loading={setDisabled.isPending}
            onClick={() => setDisabled.mutate({ userId: member.id, disabled: false })}
            aria-label={`Enable ${member.name}`}
          >
            Enable
          </Button>
        ) : (
          <Button
            variant="outline"
            size="sm"
            className="h-10"
            onClick={() => setConfirmDisable(true)}
            aria-label={`Disable ${member.name}`}
          >
            Disable
          </Button>
        )}
      </div>
      <ActionDialog
        open={confirmDisable}
        onOpenChange={setConfirmDisable}
        busy={setDisabled.isPending}
        title={`Disable ${member.name}?`}
        description="They are signed out at once and cannot sign in until you enable them again. Their history stays."
      >
        <DialogActions
          cancelLabel="Keep"
          onCancel={() => setConfirmDisable(false)}
          submitLabel="Disable"
          variant="destructive"
          onSubmit={() => setDisabled.mutate({ userId: member.id, disabled: true })}
          pending={setDisabled.isPending}
        />
      </ActionDialog>
    </li>
  );
}
