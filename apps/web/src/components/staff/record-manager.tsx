'use client';

import { Button } from '@eventora/ui/button';
import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from '@eventora/ui/card';
import { EditSheet, useEditSheet } from '@eventora/ui/edit-sheet';
import { EmptyState, type EmptyStateProps } from '@eventora/ui/empty-state';
import { errorMessage } from '@eventora/ui/error-message';
import { Field, fieldAria } from '@eventora/ui/field';
import { Input } from '@eventora/ui/input';
import { ListStates, type ListQuery } from '@eventora/ui/list-states';
import { toast } from '@eventora/ui/toast';
import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

/**
 * A staff manager's page (services, packages, branches, therapists): the Add button, the list
 * in its loading / error / empty states, and the side sheet records are added and edited in.
 */
export function RecordManager<T extends { id: string }>({
  query,
  addLabel,
  loading,
  empty,
  sheetClassName,
  renderForm,
  children,
}: {
  query: ListQuery<T>;
  addLabel: ReactNode;
  loading: ReactNode;
  empty: EmptyStateProps;
  sheetClassName?: string;
  /** The sheet's form for a record (`undefined` when adding); `close` shuts the sheet. */
  renderForm: (record: T | undefined, close: () => void) => ReactNode;
  /** The list; `edit` opens a record in the sheet. */
  children: (items: readonly T[], edit: (record: T) => void) => ReactNode;
}) {
  const sheet = useEditSheet<T>();
  return (
    <div className="grid gap-4">
      <div>
        <Button onClick={sheet.add}>
          <Plus /> {addLabel}
        </Button>
      </div>
      <ListStates query={query} loading={loading} empty={<EmptyState {...empty} />}>
        {(items) => children(items, sheet.edit)}
      </ListStates>
      <EditSheet sheet={sheet} className={sheetClassName}>
        {(record) => renderForm(record, sheet.close)}
      </EditSheet>
    </div>
  );
}

/** A record shown as a card (branches, therapists): name, a line about it, Edit, details. */
export function RecordCard({
  name,
  description,
  onEdit,
  children,
  contentClassName,
}: {
  name: string;
  description: ReactNode;
  onEdit: () => void;
  children: ReactNode;
  contentClassName?: string;
}) {
  const t = useTranslations('staff.records');
  return (
    <Card>
      <CardHeader>
        <CardTitle>{name}</CardTitle>
        <CardDescription>{description}</CardDescription>
        <CardAction>
          <Button variant="outline" size="sm" onClick={onEdit} aria-label={t('editName', { name })}>
            {t('edit')}
          </Button>
        </CardAction>
      </CardHeader>
      <CardContent className={contentClassName}>{children}</CardContent>
    </Card>
  );
}

/** A listed record's Edit button and, until it is archived, the button that archives it. */
export function RecordActions({
  name,
  onEdit,
  archived,
  archiveLabel,
  archiveAriaLabel,
  onArchive,
}: {
  name: string;
  onEdit: () => void;
  archived: boolean;
  archiveLabel: string;
  archiveAriaLabel: string;
  onArchive: () => void;
}) {
  const t = useTranslations('staff.records');
  return (
    <>
      <Button variant="ghost" size="sm" onClick={onEdit} aria-label={t('editName', { name })}>
        {t('edit')}
      </Button>
      {archived ? null : (
        <Button variant="ghost" size="sm" onClick={onArchive} aria-label={archiveAriaLabel}>
          {archiveLabel}
        </Button>
      )}
    </>
  );
}

/** An archive mutation's callbacks: say what it means, refresh the list; or show the error. */
export function useArchived<T>(refresh: QueryKey, saying: (record: T) => string) {
  const queryClient = useQueryClient();
  return {
    onSuccess: (record: T) => {
      toast.success(saying(record));
      void queryClient.invalidateQueries({ queryKey: refresh });
    },
    onError: (error: unknown) => toast.error(errorMessage(error)),
  };
}

/** A price typed in the currency's units (12.50), handed on in cents. */
export function PriceField({
  id,
  error,
  initialCents,
  onCents,
}: {
  id: string;
  error?: string;
  /** The saved price (editing), or nothing (adding: the box starts empty). */
  initialCents?: number;
  onCents: (cents: number) => void;
}) {
  const t = useTranslations('staff.records');
  const [price, setPrice] = useState(initialCents === undefined ? '' : String(initialCents / 100));
  return (
    <Field id={id} label={t('price')} error={error}>
      <Input
        type="number"
        inputMode="decimal"
        min={0}
        step="0.01"
        value={price}
        {...fieldAria(id, error)}
        onChange={(e) => {
          setPrice(e.target.value);
          onCents(Math.round(Number(e.target.value || 0) * 100));
        }}
      />
    </Field>
  );
}

/** A session length in minutes (5 to 480, in steps of 5). */
export function MinutesField({
  id,
  label,
  error,
  registration,
  className,
}: {
  id: string;
  label: string;
  error?: string;
  /** `form.register(name, { valueAsNumber: true })`. */
  registration: UseFormRegisterReturn;
  className?: string;
}) {
  return (
    <Field id={id} label={label} error={error}>
      <Input
        type="number"
        inputMode="numeric"
        min={5}
        max={480}
        step={5}
        className={className}
        {...fieldAria(id, error)}
        {...registration}
      />
    </Field>
  );
}
