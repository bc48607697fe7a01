/**
 * Two `next start` instances on one database, behind a (simulated) trusted proxy:
 * TRUSTED_PROXY_HOPS=1 and ALLOW_PLAIN_HTTP=true. Shows that the guessing throttle and session
 * revocation are shared through PostgreSQL, and that the one trust setting decides the client
 * address, `Secure` cookies with HSTS, and the host the Origin check accepts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_HOOK_TIMEOUT_MS } from './next-build';
import type { NextServer } from './next-server';
import { errorOf, postAction } from './server-actions';
import { cookiePair, holdWait, setSessionCookie, signInCall } from './security-helpers';
import { startTestApp, type TestApp } from './test-app';

let app: TestApp;
let second: NextServer;
const instances = () => [app.url, second.url];

beforeAll(async () => {
  app = await startTestApp({ env: { TRUSTED_PROXY_HOPS: '1', ALLOW_PLAIN_HTTP: 'true' } });
  second = await app.startInstance();
}, BUILD_HOOK_TIMEOUT_MS);

afterAll(async () => {
  await second?.stop();
  await app?.close();
});

beforeEach(async () => {
  await app?.sql(`DELETE FROM "AuthThrottle"`);
});

/** What the trusted proxy adds: the client it saw, appended after whatever the client sent. */
const viaProxy = (client: string, proto = 'https', extra: Record<string, string> = {}) => ({
  'X-Forwarded-For': `6.6.6.6, ${client}`,
  'X-Forwarded-Proto': proto,
  ...extra,
});

const listOn = (url: string, cookie: string) => postAction(url, app.action('listBackupsAction'), [], { cookie });

describe('two instances share the throttle and the revocation', () => {
  it('failures on either instance count together for the account', async () => {
    for (let i = 0; i < 6; i++) {
      const url = instances()[i % 2]!;
      const call = await signInCall(app, { email: app.admin.email, password: 'wrong' }, { url, headers: viaProxy(`198.51.100.${i}`) });
      expect(call.result()).toEqual({ error: 'The e-mail address or password is not correct.' });
    }
    await holdWait(app, `sign-in:account:${app.admin.email}`); // the 6th failure started a wait
    for (const url of instances()) {
      const call = await signInCall(app, { email: app.admin.email, password: app.admin.password }, { url, headers: viaProxy('198.51.100.99') });
      expect((call.result() as { error: string }).error).toMatch(/^Too many failed attempts/);
    }
  });

  it('a session signed in on one instance and signed out on the other is dead on both', async () => {
    const call = await signInCall(app, { email: app.admin.email, password: app.admin.password }, { headers: viaProxy('198.51.100.7') });
    const cookie = cookiePair(setSessionCookie(call)!);
    for (const url of instances()) expect((await listOn(url, cookie)).result()).toMatchObject({ ok: true });
    await postAction(second.url, app.action('logoutAction'), [], { cookie });
    for (const url of instances()) expect(errorOf(await listOn(url, cookie)).code).toBe('UNAUTHENTICATED');
  });
});

describe('TRUSTED_PROXY_HOPS=1 decides the address, Secure and the Origin host', () => {
  it("the client address is the proxy's entry, not what the client wrote before it", async () => {
    const call = await signInCall(app, { email: app.admin.email, password: app.admin.password }, { headers: viaProxy('203.0.113.9') });
    expect(setSessionCookie(call)).toBeDefined();
    const [row] = await app.sql<{ ip: string }>(`SELECT ip FROM "Session" ORDER BY "createdAt" DESC LIMIT 1`);
    expect(row?.ip).toBe('203.0.113.9');
  });

  it('per-client throttling follows that address', async () => {
    for (let i = 0; i < 21; i++) await signInCall(app, { email: `nobody-${i}@school.test`, password: 'x' }, { headers: viaProxy('192.0.2.1') });
    await holdWait(app, 'sign-in:client:192.0.2.1');
    const blocked = await signInCall(app, { email: app.admin.email, password: app.admin.password }, { headers: viaProxy('192.0.2.1') });
    expect((blocked.result() as { error: string }).error).toMatch(/^Too many failed attempts/);
    const other = await signInCall(app, { email: app.admin.email, password: app.admin.password }, { headers: viaProxy('192.0.2.2') });
    expect(setSessionCookie(other)).toBeDefined();
  });

  it('https at the proxy: Secure cookie and HSTS; plain http (ALLOW_PLAIN_HTTP): neither', async () => {
    const secure = await signInCall(app, { email: app.admin.email, password: app.admin.password }, { headers: viaProxy('203.0.113.10', 'https') });
    expect(setSessionCookie(secure)).toMatch(/; Secure/i);
    const plain = await signInCall(app, { email: app.admin.email, password: app.admin.password }, { headers: viaProxy('203.0.113.10', 'http') });
    expect(setSessionCookie(plain)).not.toMatch(/; Secure/i);
    const page = (proto: string) => fetch(`${app.url}/login`, { headers: viaProxy('203.0.113.10', proto) });
    expect((await page('https')).headers.get('strict-transport-security')).toMatch(/^max-age=/);
    expect((await page('http')).headers.get('strict-transport-security')).toBeNull();
  });

  it("the Origin check accepts the proxy's host and still refuses another site", async () => {
    const cookie = await app.newCookie(app.admin.id);
    const proxied = { Origin: 'https://erp.example-school.org', ...viaProxy('203.0.113.11', 'https', { 'X-Forwarded-Host': 'erp.example-school.org' }) };
    const accepted = await postAction(app.url, app.action('listBackupsAction'), [], { cookie, headers: proxied });
    expect(accepted.result()).toMatchObject({ ok: true });
    const crossSite = await postAction(app.url, app.action('listBackupsAction'), [], { cookie, headers: { ...proxied, Origin: 'https://evil.example' } });
    expect(crossSite.status).toBeGreaterThanOrEqual(400);
  });
});
