/**
 * The portal's languages. Data keeps the short codes (`users.locale`, `clinics.locale`, the
 * outbox: `en`, `es`); the page, Intl and next-intl use the language tags (`es` is Mexican
 * Spanish: `es-MX`), so `<html lang>`, dates, money and plurals follow Mexico's conventions.
 */
export const LOCALE_CODES = ['en', 'es'] as const;
export type LocaleCode = (typeof LOCALE_CODES)[number];

export const LOCALES = ['en', 'es-MX'] as const;
export type Locale = (typeof LOCALES)[number];

export const DEFAULT_LOCALE: Locale = 'en';

/** The `locale` cookie: a visitor's choice, kept for a year on the clinic's address. */
export const LOCALE_COOKIE = 'locale';
export const LOCALE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

export const isLocaleCode = (value: unknown): value is LocaleCode =>
  value === 'en' || value === 'es';

export const localeOf = (code: LocaleCode): Locale => (code === 'es' ? 'es-MX' : 'en');
export const codeOf = (locale: string): LocaleCode => (locale.startsWith('es') ? 'es' : 'en');

/**
 * Whose language a page speaks: the signed-in person's saved choice, else the visitor's cookie,
 * else the clinic's default, else English (the front door, which has no clinic).
 */
export function chooseLocale(choices: {
  user?: string | null;
  cookie?: string | null;
  clinic?: string | null;
}): Locale {
  for (const code of [choices.user, choices.cookie, choices.clinic]) {
    if (isLocaleCode(code)) return localeOf(code);
  }
  return DEFAULT_LOCALE;
}

/** Each language's name in itself, for the switcher. */
export const LANGUAGE_NAMES: Record<LocaleCode, string> = { en: 'English', es: 'Español' };
