import { expect, test, type Browser, type Page } from '@playwright/test';

import { portalOrigin } from '../../src/run-env';
import { portalApiAs, signInToPortal } from './portal-helpers';

// Beta's people: the owner sees every staff page. Both tests put the clinic and its people back
// as they found them (English, nobody's own choice), whatever happens, so later specs see English.
const slug = 'beta';
const beta = portalOrigin(slug);
const OWNER = 'owner@beta.test';
const CLIENT = 'client@beta.test';
const ENGLISH_CLIENT = 'laura@beta.test';

/**
 * Every staff page, with its Spanish heading (the h1), a Spanish text the page's client-side
 * part draws once loaded, and the English it would show had something been left untranslated.
 */
const PAGES: { path: string; heading: string; loaded: string; english: string[] }[] = [
  {
    path: '/staff',
    heading: 'Agenda',
    loaded: 'Todas las sucursales',
    english: ['Every session at the clinic', 'All branches', 'All therapists', 'Loading sessions'],
  },
  {
    path: '/staff/desk',
    heading: 'Recepción',
    loaded: 'Reservar sin cita',
    english: ['Front desk', 'Book a walk-in', 'Free all day', 'No sessions this day', 'Arrived'],
  },
  {
    path: '/staff/book',
    heading: 'Reservar para un cliente',
    loaded: 'Buscar clientes',
    english: ['Book for a client', 'Search clients', 'Find the client', 'Show more'],
  },
  {
    path: '/staff/clients',
    heading: 'Clientes',
    loaded: 'Cliente nuevo',
    english: ['New client', 'Search clients', 'Add, find and correct'],
  },
  {
    path: '/staff/services',
    heading: 'Servicios',
    loaded: 'Agregar servicio',
    english: ['Add service', 'Archive', 'No therapist offers it yet', 'What can be booked'],
  },
  {
    path: '/staff/branches',
    heading: 'Sucursales',
    loaded: 'Agregar sucursal',
    english: ['Add branch', 'Closed', 'Edit', 'Where sessions happen'],
  },
  {
    path: '/staff/therapists',
    heading: 'Terapeutas',
    loaded: 'Agregar terapeuta',
    english: ['Add therapist', '-minute sessions', 'No shifts', 'Who works where'],
  },
  {
    path: '/staff/packages',
    heading: 'Paquetes',
    loaded: 'Agregar paquete',
    english: ['Add package', 'Valid for', 'Take off sale', 'Sessions', 'Price'],
  },
  {
    path: '/staff/time-off',
    heading: 'Ausencias y días festivos',
    loaded: 'Agregar ausencia',
    english: ['Add time off', 'Whole clinic', 'First day', 'Time off and holidays'],
  },
  {
    path: '/staff/privacy',
    heading: 'Privacidad',
    loaded: 'Solicitudes de borrado',
    english: ['Erasure requests', 'requests to be forgotten'],
  },
  {
    path: '/staff/team',
    heading: 'Equipo',
    loaded: 'Invitar a alguien',
    english: ['Invite someone', 'Last signed in', 'Never signed in', 'Active', 'Owner'],
  },
  {
    path: '/staff/settings',
    heading: 'Configuración',
    loaded: 'Idioma de la clínica',
    english: ['Save settings', 'Clinic name', 'Cancellation window', 'Clinic language', 'Rules'],
  },
  {
    path: '/staff/audit',
    heading: 'Bitácora',
    loaded: 'Cadena verificada',
    english: ['Audit log', 'Chain verified', 'Show older entries', 'When', 'Who'],
  },
  {
    path: '/staff/account',
    heading: 'Cuenta',
    loaded: 'Tus sesiones como terapeuta',
    english: ['Your sessions as a therapist', 'Sign out everywhere'],
  },
];

/** English words of the staff menu and header, which every staff page shows. */
const SHELL_ENGLISH = ['Schedule', 'Therapists', 'Branches', 'Settings', 'Team', 'Time off'];

/** Whole words or phrases of `english` found in `text` (so "Edit" does not match "Editar"). */
function englishIn(text: string, english: string[]): string[] {
  return english.filter((phrase) => {
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\p{L}])${escaped}($|[^\\p{L}])`, 'u').test(text);
  });
}

/** The page is in Spanish: `<html lang>`, its heading and loaded text, no ⟦key⟧, no English. */
async function expectSpanish(
  page: Page,
  { heading, loaded, english }: { heading: string; loaded: string; english: string[] },
) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'es-MX');
  await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeVisible();
  await expect(page.getByText(loaded).first()).toBeVisible();
  const text = await page.locator('body').innerText();
  expect(text, 'a missing translation shows its key').not.toContain('⟦');
  expect(englishIn(text, [...english, ...SHELL_ENGLISH]), 'English left on the page').toEqual([]);
  expect(englishIn(await page.title(), english), 'English in the title').toEqual([]);
}

async function setOwnLocale(email: string, locale: 'en' | 'es' | null) {
  const { api, as } = await portalApiAs(slug, email);
  const answer = await api.mutation('auth.setLocale', { locale }, as);
  expect(answer.status, `${email}'s language`).toBe(200);
}

async function setClinicLocale(locale: 'en' | 'es') {
  const { api, as } = await portalApiAs(slug, OWNER);
  const answer = await api.mutation('settings.update', { locale }, as);
  expect(answer.status, "the clinic's language").toBe(200);
}

/** A browser signed in as `email` through the API (the sign-in page's language is not tested here). */
async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const { as } = await portalApiAs(slug, email);
  const context = await browser.newContext();
  const [name, value] = as.cookie!.split(/=(.*)/s) as [string, string];
  await context.addCookies([{ name, value, url: beta }]);
  return context.newPage();
}

test('an owner who chose Spanish sees every staff page in Spanish, with no key and no English left', async ({
  page,
}) => {
  test.setTimeout(360_000);
  try {
    await signInToPortal(page, slug, OWNER);
    await setOwnLocale(OWNER, 'es');
    for (const target of PAGES) {
      await test.step(target.path, async () => {
        await page.goto(`${beta}${target.path}`);
        await expectSpanish(page, target);
      });
    }
    await test.step('a client’s history', async () => {
      await page.goto(`${beta}/staff/clients`);
      await page.getByRole('link', { name: /Laura Torres/ }).click();
      await expect(page).toHaveURL(/\/staff\/clients\/[^/]+$/);
      await expectSpanish(page, {
        heading: 'Laura Torres',
        loaded: 'Dar un paquete',
        english: ['Give a package', 'Merge a duplicate', 'client since', 'Therapist', 'Status'],
      });
      await expect(page.getByText(/cliente desde el/)).toBeVisible();
    });
    await test.step('the schedule’s week and the front desk’s walk-in sheet', async () => {
      await page.goto(`${beta}/staff`);
      await page.getByRole('tab', { name: 'Semana' }).click();
      await expect(page.getByRole('button', { name: 'Semana siguiente' })).toBeVisible();
      await page.goto(`${beta}/staff/desk`);
      await page.getByRole('button', { name: 'Reservar sin cita' }).click();
      const sheet = page.getByRole('dialog', { name: 'Reservar sin cita' });
      await expect(sheet.getByRole('tab', { name: 'Cliente nuevo' })).toBeVisible();
      expect(englishIn(await sheet.innerText(), ['Find client', 'New client'])).toEqual([]);
    });
  } finally {
    await setOwnLocale(OWNER, null);
  }
});

test('the clinic’s language, chosen in settings, is the language of everyone who has not chosen their own', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  try {
    await setOwnLocale(CLIENT, null);
    await setOwnLocale(ENGLISH_CLIENT, 'en');
    await signInToPortal(page, slug, OWNER);
    await page.goto(`${beta}/staff/settings`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByLabel('Clinic language').selectOption('es');
    await page.getByRole('button', { name: 'Save settings' }).click();
    // The owner has no language of their own either: the page turns Spanish once saved.
    await expect(page.getByRole('button', { name: 'Guardar configuración' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'es-MX');
    await page.reload();
    await expect(page.getByLabel('Idioma de la clínica')).toHaveValue('es');

    const client = await signedInPage(browser, CLIENT);
    await client.goto(`${beta}/bookings`);
    await expect(client.locator('html')).toHaveAttribute('lang', 'es-MX');

    // A client who chose English keeps it.
    const english = await signedInPage(browser, ENGLISH_CLIENT);
    await english.goto(`${beta}/bookings`);
    await expect(english.locator('html')).toHaveAttribute('lang', 'en');
    await client.context().close();
    await english.context().close();
  } finally {
    await setClinicLocale('en');
    await setOwnLocale(ENGLISH_CLIENT, null);
  }
});
