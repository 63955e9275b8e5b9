import { Alert, AlertDescription, AlertTitle } from '@eventora/ui/alert';
import { Button } from '@eventora/ui/button';
import { Skeleton } from '@eventora/ui/skeleton';

import { errorCode } from '~/trpc/query-client';

/** Placeholder rows while a table loads. */
export function LoadingRows({ columns, rows = 5 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, row) => (
        <tr key={row} aria-hidden="true">
          {Array.from({ length: columns }, (_, column) => (
            <td key={column}>
              <Skeleton className="h-4 w-full min-w-8" />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

/** A block's placeholder, announced once to screen readers. */
export function LoadingBlock({
  label = 'Loading…',
  height = 180,
}: {
  label?: string;
  height?: number;
}) {
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">{label}</span>
      <Skeleton style={{ height }} className="w-full" />
    </div>
  );
}

/** What went wrong, in the API's words when it said something safe; with a retry. */
export function ErrorState({
  error,
  title = 'Could not load this.',
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  return (
    <Alert variant="destructive">
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>
        <p>{errorMessage(error)}</p>
        {onRetry ? (
          <Button size="sm" variant="outline" className="mt-2" onClick={onRetry}>
            Try again
          </Button>
        ) : null}
      </AlertDescription>
    </Alert>
  );
}

export function errorMessage(error: unknown): string {
  if (!error) return '';
  if (errorCode(error) === 'INTERNAL_SERVER_ERROR' || !(error instanceof Error)) {
    return 'The server failed. Try again; if it keeps failing, check the console’s logs.';
  }
  if (error.message === 'Failed to fetch') return 'The console’s server does not answer.';
  return error.message;
}

/** Field messages the API returned for bad input (`data.fields`), by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  const fields = (error as { data?: { fields?: { field: string; message: string }[] } } | null)
    ?.data?.fields;
  const byField: Record<string, string> = {};
  for (const { field, message } of fields ?? []) byField[field] ??= message;
  return byField;
}
