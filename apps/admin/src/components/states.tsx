import { Skeleton } from '@eventora/ui/skeleton';

/** Placeholder rows while a table loads. */
export function LoadingRows({ columns, rows = 5 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, row) => (
        <tr key={row} aria-hidden="true">
          {Array.from({ length: columns }, (_, column) => (
            <td key={column} className="px-3 py-2.5">
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

/** Field messages the API returned for bad input (`data.fields`), by field name. */
export function fieldErrors(error: unknown): Record<string, string> {
  const fields = (error as { data?: { fields?: { field: string; message: string }[] } } | null)
    ?.data?.fields;
  const byField: Record<string, string> = {};
  for (const { field, message } of fields ?? []) byField[field] ??= message;
  return byField;
}
