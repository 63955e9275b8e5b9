import pg from 'pg';
import { runWithClinic } from '@eventora/tenancy';
import { startMove } from '@eventora/tenancy/moves';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../../testing/api-test-kit';
import { moveOptions } from '../admin/move/move-services';

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'OK',
    (error: { code?: string }) => error.code,
  );

describe('clinic settings', () => {
  let kit: ApiTestKit;
  let alpha: TestClinic;
  let beta: TestClinic;

  beforeAll(async () => {
    kit = await createApiTestKit();
    alpha = await kit.addClinic('alpha');
    beta = await kit.addClinic('beta');
  });
  afterAll(() => kit?.close());

  it('owners change the profile and rules; the portal and cancellations use them; audited', async () => {
    const owner = kit.as(alpha, alpha.owner);
    const updated = await owner.settings.update({
      name: 'Alpha Physio',
      brandColor: '#0F766E',
      logoUrl: 'https://cdn.example.com/alpha.png',
      contactEmail: 'desk@alpha.example',
      contactPhone: '+34 600 000 000',
      cancellationWindowHours: 48,
      reminderHoursBefore: 6,
      timezone: 'Europe/Madrid',
      currency: 'EUR',
    });
    expect(updated).toMatchObject({ brandColor: '#0f766e', currency: 'eur' });
    expect(await owner.settings.get()).toEqual(updated);
    const portal = await kit.caller('alpha').portal.clinic();
    expect(portal).toMatchObject({
      name: 'Alpha Physio',
      brandColor: '#0f766e',
      cancellationWindowHours: 48,
      timezone: 'Europe/Madrid',
    });
    // Beta's registry row is untouched.
    expect(await kit.as(beta, beta.owner).settings.get()).toMatchObject({
      cancellationWindowHours: 24,
      currency: 'usd',
    });
    const [entry] = await runWithClinic(alpha.clinic, () =>
      alpha.db.auditLog.findMany({ where: { action: 'settings.update' } }),
    );
    expect(entry).toMatchObject({
      actorId: alpha.owner.id,
      metadata: { changes: { cancellationWindowHours: { from: 24, to: 48 } } },
    });
  });

  it('a clinic in its own database: the owner reads and changes its settings in the shared registry, audited in its own log', async () => {
    const own = await kit.addClinic('owndb');
    await startMove(
      {
        slug: 'owndb',
        to: 'database',
        databaseUrlRef: `database:${kit.database.name}_owndb`,
        actor: 'settings test',
        reason: 'a clinic in its own database',
      },
      await moveOptions(kit.services),
    );
    const owner = kit.as(own, own.owner);
    expect(await owner.settings.get()).toMatchObject({ currency: 'usd', locale: 'en' });
    await owner.settings.update({
      currency: 'MXN',
      cancellationWindowHours: 12,
      timezone: 'America/Mexico_City',
      locale: 'es',
    });
    expect(await owner.settings.get()).toMatchObject({
      currency: 'mxn',
      cancellationWindowHours: 12,
      locale: 'es',
    });
    expect(await kit.caller('owndb').portal.clinic()).toMatchObject({
      timezone: 'America/Mexico_City',
      cancellationWindowHours: 12,
      locale: 'es',
    });
    const entries = await kit.services.tenants.withClinic('owndb', (db) =>
      db.auditLog.findMany({ where: { action: 'settings.update' } }),
    );
    expect(entries).toMatchObject([
      { actorId: own.owner.id, metadata: { changes: { cancellationWindowHours: { to: 12 } } } },
    ]);
    // Alpha's row, beside it in the registry, is untouched.
    expect(await kit.as(alpha, alpha.owner).settings.get()).not.toMatchObject({ currency: 'mxn' });
  });

  it("owners set the clinic's default language; the portal answers it, other clinics keep theirs", async () => {
    const owner = kit.as(alpha, alpha.owner);
    expect((await owner.settings.get()).locale).toBe('en');
    expect(await owner.settings.update({ locale: 'es' })).toMatchObject({ locale: 'es' });
    expect(await kit.caller('alpha').portal.clinic()).toMatchObject({ locale: 'es' });
    expect(await kit.caller('beta').portal.clinic()).toMatchObject({ locale: 'en' });
    expect(await codeOf(owner.settings.update({ locale: 'fr' as never }))).toBe('BAD_REQUEST');
    expect((await owner.settings.get()).locale).toBe('es');
    const entries = await runWithClinic(alpha.clinic, () =>
      alpha.db.auditLog.findMany({
        where: { action: 'settings.update' },
        select: { metadata: true },
      }),
    );
    expect(entries.map((entry) => entry.metadata)).toContainEqual({
      changes: { locale: { from: 'en', to: 'es' } },
    });
    await owner.settings.update({ locale: 'en' });
  });

  it('staff, therapists and clients may not read or change them', async () => {
    for (const user of [alpha.staff, alpha.therapistUser, alpha.client]) {
      expect(await codeOf(kit.as(alpha, user).settings.get())).toBe('FORBIDDEN');
      expect(
        await codeOf(kit.as(alpha, user).settings.update({ cancellationWindowHours: 0 })),
      ).toBe('FORBIDDEN');
    }
  });

  it('console-only fields are refused, and bad values change nothing', async () => {
    const owner = kit.as(alpha, alpha.owner);
    const before = await owner.settings.get();
    for (const input of [
      { status: 'active' },
      { slug: 'stolen' },
      { billingStatus: 'active' },
      { brandColor: 'red' },
      { logoUrl: 'javascript:alert(1)' },
      { timezone: 'Mars/Olympus' },
      { cancellationWindowHours: -1 },
    ]) {
      expect(await codeOf(owner.settings.update(input as never)), JSON.stringify(input)).toBe(
        'BAD_REQUEST',
      );
    }
    expect(await owner.settings.get()).toEqual(before);
  });

  it('the registry function changes only the bound clinic, and nothing with none bound', async () => {
    const app = new pg.Client({ connectionString: kit.database.appUrl });
    await app.connect();
    const call = `SELECT update_clinic_settings('Hijack', NULL, NULL, NULL, NULL, NULL, 1, 1::smallint, 'UTC', 'usd', true)`;
    try {
      await expect(app.query(call)).rejects.toThrow(/no clinic is bound/);
      await app.query('BEGIN');
      await app.query("SELECT set_config('app.current_tenant', $1, true)", [beta.clinic.id]);
      await app.query(call);
      await app.query('COMMIT');
      // The registry itself stays out of the runtime role's reach.
      await expect(app.query("UPDATE clinics SET name = 'Hijack'")).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await app.end();
    }
    expect((await kit.as(alpha, alpha.owner).settings.get()).name).toBe('Alpha Physio');
    expect((await kit.as(beta, beta.owner).settings.get()).name).toBe('Hijack');
  });

  it('the language function changes only the bound clinic and accepts only en and es', async () => {
    const app = new pg.Client({ connectionString: kit.database.appUrl });
    await app.connect();
    try {
      await expect(app.query("SELECT set_clinic_locale('es')")).rejects.toThrow(
        /no clinic is bound/,
      );
      await app.query('BEGIN');
      await app.query("SELECT set_config('app.current_tenant', $1, true)", [beta.clinic.id]);
      await expect(app.query("SELECT set_clinic_locale('fr')")).rejects.toThrow(/clinics_locale/);
      await app.query('ROLLBACK');
      await app.query('BEGIN');
      await app.query("SELECT set_config('app.current_tenant', $1, true)", [beta.clinic.id]);
      await app.query("SELECT set_clinic_locale('es')");
      await app.query('COMMIT');
    } finally {
      await app.end();
    }
    expect((await kit.as(alpha, alpha.owner).settings.get()).locale).toBe('en');
    expect((await kit.as(beta, beta.owner).settings.get()).locale).toBe('es');
  });
});
