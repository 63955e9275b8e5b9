'use client';

import { Toaster as Sonner, toast, type ToasterProps } from 'sonner';

/** Mount once near the root; then call `toast.success(...)`, `toast.error(...)` anywhere. */
export function Toaster(props: ToasterProps) {
  return (
    <Sonner
      position="top-center"
      richColors
      closeButton
      toastOptions={{ classNames: { toast: 'font-sans' } }}
      {...props}
    />
  );
}

export { toast };
