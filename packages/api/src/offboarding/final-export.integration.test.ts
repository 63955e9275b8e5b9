import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createSmtpSender,
  deliverOutbox,
  SENT_WHILE_SUSPENDED,
  writeMessage,
  type MailSender,
} from '@eventora/mail';
import { startMailCatcher, type MailCatcher } from '@eventora/mail/catcher';
import { verifyArchive } from '@eventora/tenancy/archive';
import { localBackupStore, type BackupStore } from '@eventora/tenancy/backups';
import { loadMigrations } from '@eventora/tenancy/migrations';
import { closeClinic } from '@eventora/tenancy/offboarding';
import { migrationsDir } from '@eventora/db/migrations';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApiTestKit, type ApiTestKit, type TestClinic } from '../testing/api-test-kit';
import { stampClientAddresses } from '../request/client-address-stamp';
import { finalExportResponse } from './final-export-route';

const KEY = 'a console test signing key, long enough to be a secret';
const CONSOLE = 'http://console.test:3001';
const OWNER_IP = '127.0.0.1';

describe('the owner’s download link for a closed clinic’s final export', () => {
  let kit: ApiTestKit;
  let closing: TestClinic;
  let other: TestClinic;
  let operatorToken: string;
  let dir: string;
  let store: BackupStore;
  let catcher: MailCatcher;
  let sender: MailSender;
  let server: http.Server;
  let serverUrl: string;

  const asOperator = () => kit.console({ token: operatorToken });

  async function query<T extends pg.QueryResultRow>(sql: string, values: unknown[] = []) {
    const client = new pg.Client({ connectionString: kit.database.adminUrl });
    await client.connect();
    try {
      return (await client.query<T>(sql, values)).rows;
    } finally {
      await client.end();
    }
  }

  /** The worker's delivery for a suspended clinic: only what a closed clinic sends. */
  async function deliverClosed(clinic: TestClinic) {
    return kit.services.tenants.withClinic(
      clinic.clinic.id,
      (db) =>
        deliverOutbox(db, {
          sender,
          clinic: { name: clinic.slug, brandColor: null, replyTo: null },
          kinds: SENT_WHILE_SUSPENDED,
        }),
      { includeSuspended: true },
    );
  }

  /** The link in the newest mail to an owner, as they receive it. */
  function mailedLink(email: string): string {
    const mails = catcher.to(email);
    const text = mails.at(-1)?.text ?? '';
    const found = /Download the export: (\S+)/.exec(text);
    if (!found) throw new Error(`no link mailed to ${email}`);
    return found[1]!;
  }

  /** GET over HTTP on the console's route, served by a real server with the address stamp. */
  async function get(url: string) {
    const { pathname } = new URL(url);
    return fetch(`${serverUrl}${pathname}`);
  }

  async function serve() {
    stampClientAddresses({ trustedProxyHops: 0 });
    server = http.createServer((req, res) => {
      const [, , slug, token] = (req.url ?? '').split('/');
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === 'string') headers.set(name, value);
      }
      const request = new Request(`http://console.test${req.url}`, { headers });
      void finalExportResponse(kit.services, request, {
        slug: decodeURIComponent(slug ?? ''),
        token: decodeURIComponent(token ?? ''),
      }).then(async (response) => {
        res.writeHead(response.status, Object.fromEntries(response.headers));
        if (response.body) {
          await pipeline(Readable.fromWeb(response.body as never), res);
        } else res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  beforeAll(async () => {
    kit = await createApiTestKit();
    closing = await kit.addClinic('closinglink');
    other = await kit.addClinic('otherlink');
    await kit.addOperator('linker@eventora.test');
    operatorToken = await kit.operatorToken('linker@eventora.test');
    dir = await mkdtemp(path.join(tmpdir(), 'eventora-final-export-'));
    store = localBackupStore(path.join(dir, 'store'));
    kit.services.backups = {
      configured: true,
      ownerUrl: kit.database.ownerUrl,
      signingKey: KEY,
      store,
      migrations: () => loadMigrations(migrationsDir),
      publicUrl: CONSOLE,
    };
    catcher = await startMailCatcher();
    sender = createSmtpSender({ url: catcher.smtpUrl, fromAddress: 'mail@eventora.test' });
    await serve();
    // A message of another kind, pending when the clinic closes: it must wait.
    await kit.services.tenants.withClinic(closing.clinic.id, (db) =>
      writeMessage(db, {
        kind: 'email.confirm',
        to: { email: 'someone@closinglink.test', name: 'Someone' },
        data: { expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
        secrets: { link: 'http://closinglink.localhost:3000/confirm?token=x' },
      }),
    );
    for (const clinic of [closing, other]) {
      await closeClinic(
        clinic.slug,
        { exportDir: dir, graceDays: 30, store },
        { ownerUrl: kit.database.ownerUrl, signingKey: KEY },
      );
    }
  }, 120_000);
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    sender?.close();
    await catcher?.close();
    await kit?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('mails every owner a link through the closed clinic’s outbox; other pending mail waits', async () => {
    const before = await asOperator().admin.offboarding.status({ clinicId: closing.clinic.id });
    expect(before).toMatchObject({ finalExport: { inStore: true }, link: null });

    const sent = await asOperator().admin.offboarding.sendLink({ clinicId: closing.clinic.id });
    expect(sent!.link).toMatchObject({ state: 'active', recipients: 1, downloads: 0 });
    // Seven days, within the grace period.
    const days = (sent!.link!.expiresAt.getTime() - sent!.link!.createdAt.getTime()) / 86_400_000;
    expect(days).toBe(7);

    const report = await deliverClosed(closing);
    expect(report.sent).toBe(1);
    const link = mailedLink(closing.owner.email);
    expect(link.startsWith(`${CONSOLE}/final-export/${closing.slug}/`)).toBe(true);
    expect(catcher.to('someone@closinglink.test')).toEqual([]);
    const pending = await query<{ kind: string; status: string }>(
      'SELECT kind, status FROM outbox WHERE clinic_id = $1 ORDER BY kind',
      [closing.clinic.id],
    );
    expect(pending).toEqual([
      { kind: 'clinic.final-export', status: 'sent' },
      { kind: 'email.confirm', status: 'pending' },
    ]);
    // The link is never stored: only its hash, and the sent message's secret is cleared.
    const token = new URL(link).pathname.split('/').at(-1)!;
    const [stored] = await query<{ token_sha256: string }>(
      'SELECT token_sha256 FROM clinic_export_links WHERE target_clinic_id = $1',
      [closing.clinic.id],
    );
    expect(stored!.token_sha256).toBe(createHash('sha256').update(token).digest('hex'));
    const everywhere = await query<{ n: number }>(
      `SELECT (SELECT count(*) FROM outbox WHERE secrets::text LIKE $1)
            + (SELECT count(*) FROM platform_audit_logs WHERE metadata::text LIKE $1) AS n`,
      [`%${token}%`],
    );
    expect(Number(everywhere[0]!.n)).toBe(0);
  });

  it('serves the archive’s exact bytes, which verify against their signature, and audits the download with a hashed IP', async () => {
    const link = mailedLink(closing.owner.email);
    const response = await get(link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-tar');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="closinglink-final-export-\d{4}-\d{2}-\d{2}\.tar"$/,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    const [record] = await query<{ key: string; sha256: string }>(
      `SELECT b.key, b.sha256 FROM clinic_backups b WHERE b.id = (
         SELECT (onboarding #>> '{offboarding,finalExport,backupId}')::uuid FROM clinics WHERE id = $1)`,
      [closing.clinic.id],
    );
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(record!.sha256);
    const local = await readFile(path.join(dir, 'store', record!.key));
    expect(bytes.equals(local)).toBe(true);
    const saved = path.join(dir, 'downloaded.tar');
    await writeFile(saved, bytes);
    const manifest = await verifyArchive(saved, KEY);
    expect(manifest.clinic).toMatchObject({ id: closing.clinic.id, slug: closing.slug });

    const status = await asOperator().admin.offboarding.status({ clinicId: closing.clinic.id });
    expect(status!.link).toMatchObject({ state: 'active', downloads: 1 });
    expect(status!.link!.lastDownloadedAt).toBeInstanceOf(Date);
    const platform = await query<{ metadata: { ipHash: string; linkId: string } }>(
      "SELECT metadata FROM platform_audit_logs WHERE action = 'clinic.final_export_downloaded' AND target_clinic_id = $1",
      [closing.clinic.id],
    );
    expect(platform).toHaveLength(1);
    expect(platform[0]!.metadata.ipHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(platform)).not.toContain(OWNER_IP);
    const own = await query<{ action: string }>(
      "SELECT action FROM audit_logs WHERE clinic_id = $1 AND action = 'clinic.final_export_downloaded'",
      [closing.clinic.id],
    );
    expect(own).toHaveLength(1);
    const sentEntry = await query<{ operator_id: string | null }>(
      "SELECT operator_id FROM platform_audit_logs WHERE action = 'clinic.final_export_link_sent' AND target_clinic_id = $1",
      [closing.clinic.id],
    );
    expect(sentEntry).toHaveLength(1);
    expect(sentEntry[0]!.operator_id).toEqual(expect.any(String));
  });

  it('answers 404, alike, for another clinic’s token, an unknown or malformed token, and a wrong slug', async () => {
    await asOperator().admin.offboarding.sendLink({ clinicId: other.clinic.id });
    await deliverClosed(other);
    const otherLink = mailedLink(other.owner.email);
    const otherToken = new URL(otherLink).pathname.split('/').at(-1)!;
    const ownLink = mailedLink(closing.owner.email);
    const ownToken = new URL(ownLink).pathname.split('/').at(-1)!;

    const refusals = [
      `${CONSOLE}/final-export/${closing.slug}/${otherToken}`,
      `${CONSOLE}/final-export/${other.slug}/${ownToken}`,
      `${CONSOLE}/final-export/${closing.slug}/${'A'.repeat(43)}`,
      `${CONSOLE}/final-export/${closing.slug}/not-a-token`,
      `${CONSOLE}/final-export/nosuchclinic/${ownToken}`,
    ];
    const bodies = new Set<string>();
    for (const url of refusals) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      bodies.add(await response.text());
    }
    expect([...bodies]).toEqual(['Not found.\n']);
    // Each link still works on its own clinic.
    expect((await get(otherLink)).status).toBe(200);
  });

  it('stops an expired link, and a re-sent link replaces the earlier one', async () => {
    const first = mailedLink(closing.owner.email);
    // Past its seven days (the expiry is checked against the console's clock).
    const realNow = kit.services.now;
    kit.services.now = () => new Date(Date.now() + 8 * 86_400_000);
    try {
      expect((await get(first)).status).toBe(404);
    } finally {
      kit.services.now = realNow;
    }
    const resent = await asOperator().admin.offboarding.sendLink({ clinicId: closing.clinic.id });
    expect(resent!.link).toMatchObject({ state: 'active', downloads: 0 });
    await deliverClosed(closing);
    const second = mailedLink(closing.owner.email);
    expect(second).not.toBe(first);
    expect((await get(first)).status).toBe(404);
    expect((await get(second)).status).toBe(200);
  });

  it('refuses clinic sessions, and a clinic that is not closed', async () => {
    await expect(
      kit.console({ token: other.owner.token }).admin.offboarding.sendLink({
        clinicId: closing.clinic.id,
      }),
    ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const open = await kit.addClinic('openlink');
    await expect(
      asOperator().admin.offboarding.sendLink({ clinicId: open.clinic.id }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
