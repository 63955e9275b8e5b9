import { Loader2 } from 'lucide-react';
import type { ComponentProps } from 'react';

import { cn } from './cn';

/** A small spinning indicator; decorative unless given an aria-label. */
export function Spinner({ className, ...props }: ComponentProps<'svg'>) {
  return (
    <Loader2
      aria-hidden={props['aria-label'] ? undefined : true}
      className={cn('size-4 animate-spin', className)}
      {...props}
    />
  );
}
