import { expect, test, type Page } from '@playwright/test';

import { portalOrigin } from '../../src/run-env';
import { expectFocusVisible, newClientWithPackage, PHONE } from './a11y-helpers';

const alpha = portalOrigin('alpha');

test.use({ viewport: PHONE });
test.setTimeout(120_000);

/** The focused element, described by the group it belongs to and its own role. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const group = element?.closest('[role=radiogroup]');
    const groupName =
      group?.getAttribute('aria-label') ??
      (group?.getAttribute('aria-labelledby')
        ? document.getElementById(group.getAttribute('aria-labelledby')!)?.textContent
        : null) ??
      null;
    return {
      role: element?.getAttribute('role') ?? element?.getAttribute('type') ?? element?.tagName,
      group: groupName?.trim() ?? null,
      text: (element?.closest('label') ?? element)?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      checked:
        element?.getAttribute('aria-checked') === 'true' ||
        (element instanceof HTMLInputElement && element.checked),
    };
  });
}

/**
 * An arrow key held as a person holds it (a few tens of milliseconds): Radix moves focus a tick
 * after the keydown and checks the item only while the arrow is still down.
 */
function arrow(page: Page, key: 'ArrowDown' | 'ArrowRight') {
  return page.keyboard.press(key, { delay: 60 });
}

/** Presses Tab until the focus is where `wanted` says, and returns how many presses it took. */
async function tabTo(
  page: Page,
  what: string,
  wanted: (focus: Awaited<ReturnType<typeof focused>>) => boolean,
  most = 40,
): Promise<number> {
  for (let presses = 1; presses <= most; presses++) {
    await page.keyboard.press('Tab');
    if (wanted(await focused(page))) return presses;
  }
  throw new Error(
    `${what}: not reached in ${most} Tabs (last: ${JSON.stringify(await focused(page))})`,
  );
}

/**
 * The focused element's box against the sticky bars' boxes (the header, the Continue bar, the
 * phone's tab bar): the names of those it overlaps. A card-styled radio is judged by its card.
 */
function hiddenUnder(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLElement;
    const own = element.getBoundingClientRect();
    const shown =
      own.width <= 1 || own.height <= 1 ? (element.closest('label') ?? element) : element;
    const box = shown.getBoundingClientRect();
    const bars = {
      header: document.querySelector('header'),
      'Continue bar': document.querySelector('[data-continue-bar] > div'),
      'tab bar': document.querySelector('[data-tab-bar]'),
    };
    return Object.entries(bars).flatMap(([name, bar]) => {
      if (!bar) return [];
      const b = bar.getBoundingClientRect();
      const overlaps =
        box.top < b.bottom && box.bottom > b.top && box.left < b.right && box.right > b.left;
      return overlaps ? [name] : [];
    });
  });
}

async function expectClearOfBars(page: Page, step: string) {
  await expect
    .poll(() => hiddenUnder(page), { message: `${step}: the focused choice is under a bar` })
    .toEqual([]);
  await expectFocusVisible(page, step);
}

test('a client books on a phone by keyboard alone: one Tab stop per group, arrows move, nothing hides the focus, focus lands on “You’re booked”', async ({
  page,
}) => {
  await newClientWithPackage(page.context());
  await page.goto(`${alpha}/book`);
  await expect(page.getByRole('heading', { name: 'Choose a branch' })).toBeVisible();

  // Branch: Tab into the group, Space chooses.
  await tabTo(page, 'branches', (focus) => Boolean(focus.group?.includes('Choose a branch')));
  await expectFocusVisible(page, 'branch');
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: /Alpha Physio Centro/ })).toBeChecked();

  // Therapist: the next Tab stop is the therapists' group (past the step's own buttons, if
  // any); arrows move to "Any available".
  await expect(page.getByText('Any available therapist')).toBeVisible();
  await tabTo(
    page,
    'therapists',
    (focus) => Boolean(focus.group?.includes('Choose a therapist')),
    3,
  );
  for (let step = 0; step < 10; step++) {
    if ((await focused(page)).text.includes('Any available therapist')) break;
    await arrow(page, 'ArrowDown');
    await expectClearOfBars(page, `therapist, arrow ${step + 1}`);
  }
  await page.keyboard.press('Space');
  await expect(page.getByRole('radio', { name: /Any available therapist/ })).toBeChecked();

  // Day: one Tab stop (a service group first, when the therapist offers services).
  const times = page.getByRole('radiogroup', { name: 'Available times' });
  await expect(times.getByRole('radio').first()).toBeVisible();
  await tabTo(page, 'days', (focus) => focus.group === 'Day', 3);
  const firstDay = (await focused(page)).text;
  await arrow(page, 'ArrowRight');
  const secondDay = await focused(page);
  expect(secondDay.group).toBe('Day');
  expect(secondDay.text).not.toBe(firstDay);
  // Arrowing onto a day chooses it (once React has drawn the choice).
  await expect
    .poll(async () => (await focused(page)).checked, { message: 'day chosen' })
    .toBe(true);
  await expectClearOfBars(page, 'day, arrow');
  await expect(times.getByRole('radio').first()).toBeVisible();

  // Times: the very next Tab stop; arrows move through them and choose. The Continue bar
  // appears with the first choice and must never cover the focused time, nor the tab bar.
  expect(await tabTo(page, 'times', (focus) => focus.group === 'Available times', 1)).toBe(1);
  await page.keyboard.press('Space');
  const count = await times.getByRole('radio').count();
  for (let step = 1; step < Math.min(count, 12); step++) {
    await arrow(page, 'ArrowDown');
    const focus = await focused(page);
    expect(focus.group, `time ${step}`).toBe('Available times');
    await expect
      .poll(async () => (await focused(page)).checked, { message: `time ${step} chosen` })
      .toBe(true);
    await expectClearOfBars(page, `time ${step}`);
  }
  const chosen = (await focused(page)).text;
  await expect(page.locator('[data-continue-bar]')).toContainText(chosen);

  // Continue, then confirm, by keyboard.
  await tabTo(page, 'Continue', (focus) => focus.text === 'Continue', 15);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Confirm your booking' });
  await expect(dialog).toBeVisible();
  await tabTo(page, 'Confirm booking', (focus) => focus.text === 'Confirm booking', 10);
  await page.keyboard.press('Enter');

  const booked = page.getByRole('heading', { name: 'You’re booked' });
  await expect(booked).toBeFocused();
  await expect(dialog).toBeHidden();
  await expectFocusVisible(page, 'booked');
});
