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

/** A staff page's `<title>`, from the staff catalog's titles: `staffTitled('schedule')`. */
export function staffTitled(key: keyof (typeof messages)['staff']['titles']) {
  return async (): Promise<Metadata> => ({ title: (await getTranslations('staff.titles'))(key) });
}
