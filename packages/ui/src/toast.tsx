'use client';

import type { CSSProperties } from 'react';
import { Toaster as Sonner, toast, type ToasterProps } from 'sonner';

import { useUiLabels } from './labels';

/**
 * Sonner's rich colours for the light theme, with the text darkened to 4.5:1 or more on each
 * background (its own green was 4.25:1 on the success toast: axe's serious violation).
 */
const READABLE_RICH_COLORS = {
  '--success-text': 'hsl(140, 100%, 22%)',
  '--error-text': 'hsl(360, 100%, 38%)',
  '--info-text': 'hsl(210, 92%, 35%)',
  '--warning-text': 'hsl(31, 92%, 30%)',
} as CSSProperties;

/** Mount once near the root; then call `toast.success(...)`, `toast.error(...)` anywhere. */
export function Toaster(props: ToasterProps) {
  const labels = useUiLabels();
  return (
    <Sonner
      position="top-center"
      richColors
      closeButton
      containerAriaLabel={labels.notifications}
      style={READABLE_RICH_COLORS}
      toastOptions={{ classNames: { toast: 'font-sans' }, closeButtonAriaLabel: labels.closeToast }}
      {...props}
    />
  );
}

export { toast };
