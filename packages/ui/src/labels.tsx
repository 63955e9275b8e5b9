'use client';

import { createContext, useContext, type ReactNode } from 'react';

import { ENGLISH_LABELS, type UiLabels } from './english-labels';

export { ENGLISH_LABELS, type UiLabels };

const UiLabelsContext = createContext<UiLabels>(ENGLISH_LABELS);

export function UiLabelsProvider({ labels, children }: { labels: UiLabels; children: ReactNode }) {
  return <UiLabelsContext.Provider value={labels}>{children}</UiLabelsContext.Provider>;
}

export function useUiLabels(): UiLabels {
  return useContext(UiLabelsContext);
}
