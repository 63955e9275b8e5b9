import { CircleAlert } from 'lucide-react';

import { Alert, AlertDescription } from './alert';
import { Button } from './button';
import { errorMessage } from './error-message';

export interface LoadErrorProps {
  /** The failed query's error; its message is shown through `errorMessage`. */
  error: unknown;
  /** Runs the query again (usually `query.refetch()`). */
  onRetry: () => void;
  className?: string;
}

/** What a block shows when its data could not be loaded, with a way to try again. */
export function LoadError({ error, onRetry, className }: LoadErrorProps) {
  return (
    <Alert variant="destructive" data-slot="load-error" className={className}>
      <CircleAlert />
      <AlertDescription>
        {errorMessage(error)}
        <Button size="sm" variant="outline" onClick={onRetry}>
          Try again
        </Button>
      </AlertDescription>
    </Alert>
  );
}
