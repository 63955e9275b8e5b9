import { describe, expect, it } from 'vitest';

import { safeRedirectPath } from './safe-redirect';

// Issue 11, item 4 (failed on main: the console let `/\evil.example` through, the portal
// `/\t/evil.example`, `/\n/…` and `/\r/…`; browsers treat each as another origin).
describe('where a sign-in may send the user next', () => {
  it('keeps paths of this app, with their query and fragment', () => {
    expect(safeRedirectPath('/staff/clients?search=ana#top')).toBe('/staff/clients?search=ana#top');
    expect(safeRedirectPath('/clinics/0195f1a0-0000-7000-8000-0000000000aa')).toBe(
      '/clinics/0195f1a0-0000-7000-8000-0000000000aa',
    );
    expect(safeRedirectPath('/a/../b')).toBe('/b');
  });

  it.each([
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '//evil.example',
    '///evil.example',
    'https://evil.example/',
    'javascript:alert(1)',
    '\\\\evil.example',
    ' /staff',
    '/\u0000/evil.example',
    '',
  ])('refuses %j', (next) => {
    expect(safeRedirectPath(next)).toBeUndefined();
  });

  it('refuses nothing at all and over-long values', () => {
    expect(safeRedirectPath(undefined)).toBeUndefined();
    expect(safeRedirectPath(null)).toBeUndefined();
    expect(safeRedirectPath(`/${'a'.repeat(2_001)}`)).toBeUndefined();
  });
});
