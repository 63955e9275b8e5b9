import type { LOCALES } from '~/i18n/locales';
import type messages from './messages/en.json';

// Typed translations: a key missing from the English catalog fails `pnpm typecheck`, and
// messages/catalogs.test.ts holds the Spanish catalog to the English one.
declare module 'next-intl' {
  interface AppConfig {
    Locale: (typeof LOCALES)[number];
    Messages: typeof messages;
  }
}
