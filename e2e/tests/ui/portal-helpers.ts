import { expect, type Page } from '@playwright/test';

/**
 * A signed-in client who has not accepted the clinic's current privacy notice is sent to it.
 * Whether the demo client has accepted depends on which spec ran first, so journeys that only
 * need a client past the notice accept it here. The notice page is rendered on the server, so
 * the button is there at load or not at all.
 */
export async function acceptPrivacyNoticeIfAsked(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/privacy?next=/book`);
  const accept = page.getByRole('button', { name: 'I accept this privacy notice' });
  if (await accept.isVisible()) {
    await accept.click();
    await expect(page).toHaveURL(`${origin}/book`);
  }
}
