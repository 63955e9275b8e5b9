import { expect, test, type Page } from '@playwright/test';

import { expectNoSeriousViolations } from '../../src/axe';
import { portalOrigin } from '../../src/run-env';
import { newClientWithPackage, PHONE } from './a11y-helpers';
import { DEMO_PASSWORD } from './portal-helpers';

const alpha = portalOrigin('alpha');

// Every client page twice over, and axe at each booking step, on a loaded machine.
test.setTimeout(300_000);

/**
 * Words of the portal's own English that a page in Spanish must not show. Data the clinic
 * typed (names, its privacy notice) is not the portal's to translate and is left out.
 */
const ENGLISH =
  /\b(Sign in|Sign up|Sign out|Password|Email|Your|your|Book|Booked|Bookings|Cancel|Close|Continue|Confirm|Loading|Try again|Required|Welcome|Create|Choose|Back|Save|Send|Download|Privacy|Payment|Packages?|Sessions?|Therapist|Branch|Waitlist|Repeat|weekly|every|Stop|Nothing|Something|Check|Read|accept|minutes?|left|free|full)\b/;

/** What a person reads on the page: visible text, the title, and buttons' and links' names. */
async function portalText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clinicTyped = [...document.querySelectorAll('article')].map((a) => a.innerText);
    let text = document.body.innerText;
    for (const typed of clinicTyped) text = text.replace(typed, '');
    const names = [...document.querySelectorAll('[aria-label], [title]')].map(
      (e) => `${e.getAttribute('aria-label') ?? ''} ${e.getAttribute('title') ?? ''}`,
    );
    return [document.title, text, ...names].join('\n');
  });
}

async function expectSpanish(page: Page, path: string) {
  await expect(page.locator('html'), path).toHaveAttribute('lang', 'es-MX');
  const text = await portalText(page);
  expect(text, `${path}: a missing translation`).not.toContain('⟦');
  expect(text.match(ENGLISH)?.[0], `${path} shows English:\n${text}`).toBeUndefined();
}

/** Opens a page and waits for what it loads in the browser (lists, forms) before reading it. */
async function visit(page: Page, path: string, ready: Parameters<Page['getByRole']>) {
  await page.goto(`${alpha}${path}`);
  await expect(page.getByRole(...ready).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  await expectSpanish(page, path);
}

test('with Spanish chosen, every auth and client page is in Spanish: lang es-MX, no missing key, no English', async ({
  page,
  context,
}) => {
  await context.addCookies([{ name: 'locale', value: 'es', url: alpha }]);

  await visit(page, '/sign-in', ['button', { name: 'Iniciar sesión' }]);
  // A refusal and the form's own checks, in Spanish too.
  await page.getByLabel('Correo electrónico').fill('nadie@example.test');
  await page.getByLabel('Contraseña').fill('no es la contraseña');
  await page.getByRole('button', { name: 'Iniciar sesión' }).click();
  await expect(page.getByText('El correo o la contraseña no son correctos.')).toBeVisible();
  await expectSpanish(page, '/sign-in (refused)');

  await visit(page, '/sign-up', ['button', { name: 'Crear cuenta' }]);
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await expect(page.getByText('Obligatorio.').first()).toBeVisible();
  await expectSpanish(page, '/sign-up (empty)');
  await page.getByLabel('Nombre completo').fill('Lucía Prueba');
  await page.getByLabel('Correo electrónico').fill('lucia@example.test');
  await page.getByLabel('Contraseña').fill('violeta cañón puerto 5521');
  await page.getByRole('button', { name: 'Crear cuenta' }).click();
  await expect(
    page.getByText('Acepta el aviso de privacidad para crear una cuenta.'),
  ).toBeVisible();
  await expectSpanish(page, '/sign-up (checks)');

  await visit(page, '/forgot-password', ['button', { name: 'Enviar enlace' }]);
  await visit(page, '/reset-password', ['link', { name: 'Enviar un enlace nuevo' }]);
  await visit(page, `/reset-password?token=${'x'.repeat(40)}`, [
    'button',
    { name: 'Guardar contraseña' },
  ]);
  await page.getByLabel('Contraseña nueva').fill('violeta cañón puerto 5521');
  await page.getByRole('button', { name: 'Guardar contraseña' }).click();
  await expect(page.getByText(/no es válido o ya venció/)).toBeVisible();
  await expectSpanish(page, '/reset-password (bad link)');
  await visit(page, '/accept-invitation', ['link', { name: 'Ir a iniciar sesión' }]);
  await visit(page, '/confirm-email', ['button', { name: 'Confirmar este correo' }]);
  await visit(page, '/unsubscribe', ['heading', { name: 'A este enlace le falta una parte' }]);
  await visit(page, '/privacy', ['heading', { name: 'Aviso de privacidad' }]);
  await visit(page, '/no-existe', ['link', { name: 'Ir a la página de inicio' }]);

  // Signed in (the account follows the clinic, so the cookie's Spanish applies).
  await newClientWithPackage(context);
  await visit(page, '/book', ['heading', { name: 'Elige una sucursal' }]);
  await visit(page, '/bookings', ['heading', { name: 'Mis reservas' }]);
  await visit(page, '/packages', ['heading', { name: 'Paquetes' }]);
  await visit(page, '/account', ['heading', { name: 'Cuenta' }]);
  await visit(page, '/account/data', ['heading', { name: 'Tus datos' }]);
  await visit(page, '/billing/cancel', ['link', { name: 'Volver a los paquetes' }]);
  await visit(page, '/billing/success', ['link', { name: 'Ir a los paquetes' }]);
  await visit(page, '/billing/simulated-checkout', ['heading', { name: 'Pago simulado' }]);
});

test('a client on a phone switches to Spanish, is still in Spanish after signing out and in again, and books in Spanish', async ({
  page,
  context,
}) => {
  await page.setViewportSize(PHONE);
  const email = await newClientWithPackage(context);
  await page.goto(`${alpha}/book`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByRole('button', { name: /^Account menu for/ }).click();
  await page.getByRole('menuitem', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es-MX');
  await expect(page.getByRole('heading', { name: 'Elige una sucursal' })).toBeVisible();

  await page.getByRole('button', { name: /^Menú de la cuenta de/ }).click();
  await page.getByRole('menuitem', { name: 'Cerrar sesión' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // Without the browser's cookie, only the account can remember the choice.
  await context.clearCookies({ name: 'locale' });
  await page.goto(`${alpha}/sign-in`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${alpha}/book`);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es-MX');

  await expect(page.getByRole('heading', { name: 'Elige una sucursal' })).toBeVisible();
  await expectSpanish(page, '/book (branch)');
  await expectNoSeriousViolations(page, 'es-book-1-branch');
  await page.getByText('Alpha Physio Centro').click();
  await expect(page.getByText('Cualquier terapeuta disponible')).toBeVisible();
  await expectNoSeriousViolations(page, 'es-book-2-therapist');
  await page.getByText('Cualquier terapeuta disponible').click();
  const times = page.getByRole('radiogroup', { name: 'Horarios disponibles' });
  await expect(times).toBeVisible();
  await expectSpanish(page, '/book (times)');
  await expectNoSeriousViolations(page, 'es-book-3-times');
  await times.getByRole('radio').first().click();
  await page.getByRole('button', { name: 'Continuar' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirma tu reserva' });
  await expect(dialog.getByText(/quedan 5/)).toBeVisible();
  await expect(dialog).toHaveCSS('opacity', '1');
  await expectSpanish(page, '/book (confirm)');
  await expectNoSeriousViolations(page, 'es-book-4-confirm');
  await dialog.getByRole('button', { name: 'Confirmar reserva' }).click();
  await expect(page.getByRole('heading', { name: 'Ya tienes tu reserva' })).toBeVisible();
  await expect(dialog).toBeHidden();
  await expectSpanish(page, '/book (booked)');
  await expectNoSeriousViolations(page, 'es-book-5-booked');
  await test.info().attach('spanish-booking-confirmation-375px.png', {
    body: await page.screenshot({ fullPage: true }),
    contentType: 'image/png',
  });

  await page.goto(`${alpha}/bookings`);
  await expect(page.getByRole('article').filter({ hasText: 'Reservada' })).toHaveCount(1);
  await expectSpanish(page, '/bookings');
  await expectNoSeriousViolations(page, 'es-my-bookings');
});
