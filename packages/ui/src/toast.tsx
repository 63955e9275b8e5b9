'use client';

import { Toaster as Sonner, toast, type ToasterProps } from 'sonner';

import { useUiLabels } from './labels';

/** Mount once near the root; then call `toast.success(...)`, `toast.error(...)` anywhere. */
export function Toaster(props: ToasterProps) {
  const labels = useUiLabels();
  return (
    <Sonner
      position="top-center"
      richColors
      closeButton
      containerAriaLabel={labels.notifications}
      toastOptions={{ classNames: { toast: 'font-sans' }, closeButtonAriaLabel: labels.closeToast }}
      {...props}
    />
  );
}

export { toast };
