'use client';

import { CircleAlert } from 'lucide-react';

import { Alert, AlertDescription } from './alert';
import { Button } from './button';
import { errorMessage } from './error-message';
import { useUiLabels } from './labels';

export interface LoadErrorProps {
  /** The failed query's error; its message is shown through `errorMessage`. */
  error: unknown;
  /** Runs the query again (usually `query.refetch()`). */
  onRetry: () => void;
  className?: string;
}

/** What a block shows when its data could not be loaded, with a way to try again. */
export function LoadError({ error, onRetry, className }: LoadErrorProps) {
  const labels = useUiLabels();
  return (
    <Alert variant="destructive" data-slot="load-error" className={className}>
      <CircleAlert />
      <AlertDescription>
        {errorMessage(error, labels.errors)}
        <Button size="sm" variant="outline" onClick={onRetry}>
          {labels.tryAgain}
        </Button>
      </AlertDescription>
    </Alert>
  );
}
