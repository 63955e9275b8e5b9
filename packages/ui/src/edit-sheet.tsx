'use client';

import { Fragment, useState, type FormEventHandler, type ReactNode } from 'react';

import { Button } from './button';
import { FormError } from './form';
import { useUiLabels } from './labels';
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetFooter,
  SheetHeader,
  SheetTitle,
} from './sheet';

/** What a manager's side sheet is editing: nothing, a new record, or one of the list's records. */
export interface EditSheetState<T extends { id: string }> {
  /** `'new'` while adding, the record while editing it, `undefined` while closed. */
  editing: T | 'new' | undefined;
  add: () => void;
  edit: (record: T) => void;
  close: () => void;
}

/** Opens and closes a list's add/edit sheet. */
export function useEditSheet<T extends { id: string }>(): EditSheetState<T> {
  const [editing, setEditing] = useState<T | 'new'>();
  return {
    editing,
    add: () => setEditing('new'),
    edit: setEditing,
    close: () => setEditing(undefined),
  };
}

/**
 * The side sheet a list's records are added and edited in. `children` draws the form for the
 * record (or `undefined` for a new one); switching records starts a fresh form.
 */
export function EditSheet<T extends { id: string }>({
  sheet,
  className,
  children,
}: {
  sheet: EditSheetState<T>;
  className?: string;
  children: (record: T | undefined) => ReactNode;
}) {
  const { editing } = sheet;
  return (
    <Sheet open={editing !== undefined} onOpenChange={(open) => !open && sheet.close()}>
      <SheetContent className={className}>
        {editing === undefined ? null : (
          <Fragment key={editing === 'new' ? 'new' : editing.id}>
            {children(editing === 'new' ? undefined : editing)}
          </Fragment>
        )}
      </SheetContent>
    </Sheet>
  );
}

/** An edit sheet's form: title, the form-level error, the fields, and Cancel / save at the foot. */
export function EditSheetForm({
  title,
  description,
  error,
  submitLabel,
  pending,
  onSubmit,
  onCancel,
  children,
}: {
  title: ReactNode;
  description?: ReactNode;
  /** The form-level message (usually `errors.root?.server?.message`). */
  error?: string;
  submitLabel: ReactNode;
  pending?: boolean;
  onSubmit: FormEventHandler<HTMLFormElement>;
  onCancel: () => void;
  children: ReactNode;
}) {
  const labels = useUiLabels();
  return (
    <form noValidate onSubmit={onSubmit} className="flex min-h-full min-w-0 flex-col">
      <SheetHeader>
        <SheetTitle>{title}</SheetTitle>
        {description ? <SheetDescription>{description}</SheetDescription> : null}
      </SheetHeader>
      <div className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-4 px-5">
        <FormError message={error} />
        {children}
      </div>
      <SheetFooter className="bg-card sticky bottom-0 border-t sm:flex-row sm:justify-end">
        <Button type="button" variant="outline" onClick={onCancel}>
          {labels.cancel}
        </Button>
        <Button type="submit" loading={pending}>
          {submitLabel}
        </Button>
      </SheetFooter>
    </form>
  );
}
