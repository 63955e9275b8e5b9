import { describe, expect, it } from 'vitest';

import { chooseLocale } from './locales';

describe('the language of a page', () => {
  it('is the signed-in person’s choice first, then the visitor’s cookie, then the clinic’s', () => {
    expect(chooseLocale({ user: 'es', cookie: 'en', clinic: 'en' })).toBe('es-MX');
    expect(chooseLocale({ user: null, cookie: 'es', clinic: 'en' })).toBe('es-MX');
    expect(chooseLocale({ user: null, cookie: undefined, clinic: 'es' })).toBe('es-MX');
    expect(chooseLocale({ user: 'en', cookie: 'es', clinic: 'es' })).toBe('en');
  });

  it('ignores codes it does not speak and falls back to English without a clinic', () => {
    expect(chooseLocale({ user: 'fr', cookie: 'es-ES', clinic: 'es' })).toBe('es-MX');
    expect(chooseLocale({ cookie: 'xx' })).toBe('en');
    expect(chooseLocale({})).toBe('en');
  });
});
