'use client';

import { ActionDialog, DialogActions } from '@eventora/ui/action-dialog';
import { Field } from '@eventora/ui/field';
import { NativeSelect } from '@eventora/ui/native-select';
import { Textarea } from '@eventora/ui/textarea';
import { toast } from '@eventora/ui/toast';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';

import { useTRPC } from '~/trpc/react';

/**
 * Gives a client a package's sessions without payment (a free or promotional package); the
 * reason is kept in the audit log.
 */
export function GrantPackageDialog({
  client,
  open,
  onOpenChange,
}: {
  client: { id: string; name: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations('staff.grant');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const packages = useQuery(trpc.catalog.list.queryOptions({}, { enabled: open }));
  const [packageId, setPackageId] = useState('');
  const [reason, setReason] = useState('');
  const grant = useMutation(
    trpc.desk.grantCredits.mutationOptions({
      onSuccess: (item) => {
        toast.success(t('granted', { name: client.name, package: item.packageName }));
        void queryClient.invalidateQueries({
          queryKey: trpc.client.byId.queryKey({ id: client.id }),
        });
        void queryClient.invalidateQueries({ queryKey: trpc.wallet.pathKey() });
        setReason('');
        onOpenChange(false);
      },
    }),
  );
  const chosen = packageId || packages.data?.[0]?.id || '';
  return (
    <ActionDialog
      open={open}
      onOpenChange={onOpenChange}
      busy={grant.isPending}
      title={t('title', { name: client.name })}
      description={t('description')}
      error={grant.error}
    >
      <Field id="grant-package" label={t('package')}>
        <NativeSelect
          id="grant-package"
          value={chosen}
          onChange={(event) => setPackageId(event.target.value)}
        >
          {(packages.data ?? []).map((pkg) => (
            <option key={pkg.id} value={pkg.id}>
              {t('option', { name: pkg.name, sessions: pkg.sessionsIncluded })}
            </option>
          ))}
        </NativeSelect>
      </Field>
      <Field id="grant-reason" label={t('reason')} description={t('reasonText')}>
        <Textarea
          id="grant-reason"
          rows={2}
          maxLength={500}
          aria-describedby="grant-reason-description"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
        />
      </Field>
      <DialogActions
        onCancel={() => onOpenChange(false)}
        submitLabel={t('submit')}
        onSubmit={() => grant.mutate({ clientId: client.id, packageId: chosen, reason })}
        pending={grant.isPending}
        disabled={!chosen || reason.trim().length < 3}
      />
    </ActionDialog>
  );
}
