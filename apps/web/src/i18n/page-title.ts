import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';

import type messages from '../../messages/en.json';

/** A page's `<title>` in the request's language: `export const generateMetadata = titled('book')`. */
export function titled(key: keyof (typeof messages)['titles'], rest: Metadata = {}) {
  return async (): Promise<Metadata> => ({
    ...rest,
    title: (await getTranslations('titles'))(key),
  });
}
