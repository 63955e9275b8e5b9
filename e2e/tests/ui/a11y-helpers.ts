import { randomBytes } from 'node:crypto';

import { expect, type BrowserContext, type Page } from '@playwright/test';
import pg from 'pg';

import { TrpcHttp } from '../../src/portal-api';
import { portalOrigin, runEnv } from '../../src/run-env';
import { DEMO_PASSWORD } from './portal-helpers';

/** A phone's viewport (the narrowest the portal is designed for). */
export const PHONE = { width: 375, height: 812 };

/**
 * A new client of alpha, signed in in the browser context (a session cookie from the API, so
 * the journey under test starts at /book), with five sessions of alpha's first package and,
 * when asked, an expired package beside it.
 */
export async function newClientWithPackage(
  context: BrowserContext,
  { expired = false }: { expired?: boolean } = {},
): Promise<string> {
  const email = `a11y-${randomBytes(4).toString('hex')}@example.test`;
  const portal = TrpcHttp.portal('alpha');
  const notice = await portal.query<{ version: number }>('privacy.notice', undefined);
  const signedUp = await portal.mutation('auth.signUp', {
    email,
    name: 'Kai Keyboard',
    password: DEMO_PASSWORD,
    acceptedNoticeVersion: notice.data!.version,
  });
  expect(signedUp.status, signedUp.error?.message).toBe(200);
  const signedIn = await portal.mutation<{ token: string }>('auth.signIn', {
    bearer: true,
    email,
    password: DEMO_PASSWORD,
  });
  expect(signedIn.status, signedIn.error?.message).toBe(200);
  await context.addCookies([
    { name: 'eventora_session', value: signedIn.data!.token, url: portalOrigin('alpha') },
  ]);
  await grantPackage(email, { days: 90, reference: 'a11y' });
  if (expired) await grantPackage(email, { days: -10, reference: 'a11y-expired' });
  return email;
}

async function grantPackage(
  email: string,
  { days, reference }: { days: number; reference: string },
): Promise<void> {
  const client = new pg.Client({ connectionString: runEnv('adminUrl') });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO user_packages
         (id, clinic_id, user_id, package_id, credits_total, credits_left, expires_at, purchase_reference)
       SELECT gen_random_uuid(), u.clinic_id, u.id, p.id, 5, 5,
              now() + make_interval(days => $2::int), 'manual:' || $3 || '-' || u.id
         FROM users u
         JOIN clinics c ON c.id = u.clinic_id AND c.slug = 'alpha'
         JOIN LATERAL (SELECT id FROM packages
                        WHERE clinic_id = u.clinic_id AND archived_at IS NULL
                        ORDER BY name LIMIT 1) p ON true
        WHERE u.email = $1`,
      [email, days, reference],
    );
  } finally {
    await client.end();
  }
}

/** What a sighted keyboard user sees of the focused element. */
export interface FocusReport {
  /** The focused element's role and accessible-ish name, e.g. `radio "Mon, Dec 7"`. */
  what: string;
  /** Within the viewport, every edge. */
  inViewport: boolean;
  /** Nothing drawn over its centre (a sticky bar, a dialog's overlay…). */
  uncovered: boolean;
  /** The focus indicator's contrast with the page behind it (ring or outline), 0 if none. */
  indicatorContrast: number;
}

/**
 * Looks at the focused element as drawn: a visually hidden radio inside a card is judged by its
 * card (the label), which is what shows the ring.
 */
export function focusReport(page: Page): Promise<FocusReport> {
  return page.evaluate(() => {
    const focused = document.activeElement as HTMLElement | null;
    if (!focused || focused === document.body) {
      return { what: 'body', inViewport: false, uncovered: false, indicatorContrast: 0 };
    }
    const own = focused.getBoundingClientRect();
    const shown: HTMLElement =
      own.width <= 1 || own.height <= 1 ? (focused.closest('label') ?? focused) : focused;
    const box = shown.getBoundingClientRect();
    const inViewport =
      box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    const uncovered = hit !== null && (hit === shown || shown.contains(hit));

    // Colours as the browser paints them: a 1×1 canvas turns any CSS colour into sRGB bytes.
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    const paint = (backdrop: string, colour: string): number[] => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = backdrop;
      ctx.fillRect(0, 0, 1, 1);
      ctx.fillStyle = colour;
      ctx.fillRect(0, 0, 1, 1);
      return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
    };
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((c) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: number[], b: number[]) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return (hi! + 0.05) / (lo! + 0.05);
    };
    // The ring is drawn over the page around the element: judged against white (cards) and the
    // page's own background, whichever is worse.
    const backdrops = ['#ffffff', getComputedStyle(document.body).backgroundColor];
    const indicators: string[] = [];
    const style = getComputedStyle(shown);
    const shadow =
      /((?:rgba?|oklab|oklch|lab|lch|color)\([^)]*\)|#[0-9a-f]{3,8})\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px\s+(-?[\d.]+)px/gi;
    for (const m of style.boxShadow.matchAll(shadow)) {
      // A ring: no offset, no blur, a spread of 2px or more.
      if (Number(m[2]) === 0 && Number(m[3]) === 0 && Number(m[4]) === 0 && Number(m[5]) >= 2)
        indicators.push(m[1]!);
    }
    if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
      indicators.push(style.outlineColor);
    const indicatorContrast = Math.max(
      0,
      ...indicators.map((colour) =>
        Math.min(...backdrops.map((bg) => contrast(paint(bg, colour), paint(bg, bg)))),
      ),
    );

    const role = focused.getAttribute('role') ?? focused.getAttribute('type') ?? focused.tagName;
    const name = (
      focused.getAttribute('aria-label') ??
      (shown === focused ? focused.textContent : shown.textContent) ??
      ''
    )
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 60);
    return { what: `${role.toLowerCase()} "${name}"`, inViewport, uncovered, indicatorContrast };
  });
}

/**
 * Waits (scrolling may be smooth) until the focused element is fully in the viewport, not
 * under a sticky bar, and shows a focus indicator of at least 3:1.
 */
export async function expectFocusVisible(page: Page, step: string): Promise<FocusReport> {
  let last: FocusReport | undefined;
  await expect
    .poll(
      async () => {
        last = await focusReport(page);
        return last.inViewport && last.uncovered && last.indicatorContrast >= 3;
      },
      { message: `${step}: the focused element is in view, uncovered, with a visible ring` },
    )
    .toBe(true)
    .catch((error: unknown) => {
      throw new Error(`${step}: ${JSON.stringify(last)}\n${String(error)}`);
    });
  return last!;
}
