import { getRequestConfig } from 'next-intl/server';
import { cookies } from 'next/headers';

import { getClinic, getViewer } from '~/server/portal';
import { serverEnv } from '~/server/env';
import { codeOf, chooseLocale, LOCALE_COOKIE } from './locales';
import { missingMessage, reportIntlError } from './missing-message';

/**
 * Each request's language (no locale in the path: each clinic is its own address, and its
 * URLs stay the same in both languages): the signed-in person's, else the visitor's cookie,
 * else the clinic's default.
 */
export default getRequestConfig(async () => {
  const [viewer, clinic, jar] = await Promise.all([getViewer(), getClinic(), cookies()]);
  const locale = chooseLocale({
    user: viewer?.locale,
    cookie: jar.get(LOCALE_COOKIE)?.value,
    clinic: clinic?.locale,
  });
  const strict = serverEnv().NODE_ENV !== 'production';
  return {
    locale,
    messages: (await import(`../../messages/${codeOf(locale)}.json`)).default,
    // Sessions are shown on their branch's clock (lib/time.ts, given the branch's zone);
    // anything formatted without a zone is in UTC, the same on the server and in the browser.
    timeZone: 'UTC',
    onError: (error) => reportIntlError(error, strict),
    getMessageFallback: missingMessage,
  };
});
