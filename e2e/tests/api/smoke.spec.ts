import { expect, test } from '@playwright/test';

import { TrpcHttp } from '../../src/portal-api';

test('a demo client signs in at alpha over HTTP and is a stranger at beta', async () => {
  const alpha = await TrpcHttp.portal('alpha');
  const beta = await TrpcHttp.portal('beta');
  const signedIn = await alpha.mutation<{ token: string }>('auth.signIn', {
    bearer: true,
    email: 'client@alpha.test',
    password: 'eventora-demo-2026',
  });
  expect(signedIn.status).toBe(200);
  const cookie = `eventora_session=${signedIn.data!.token}`;
  expect((await alpha.query('auth.me', undefined, { cookie })).status).toBe(200);
  expect((await beta.query('auth.me', undefined, { cookie })).status).toBe(401);
  await alpha.dispose();
  await beta.dispose();
});
