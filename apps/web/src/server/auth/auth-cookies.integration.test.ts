// next-auth's cookies as our options configure them: HttpOnly and SameSite=Lax always, Secure
// (with the __Secure-/__Host- names) when the app runs behind TLS.
import type { Db } from '@captionary/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, testDb, type TestUser } from '../testing/fixtures';
import { credentialsSignInRequest, nextAuthTestHandler } from './next-auth-test-handler';
import { buildAuthOptions } from './options';

const SECRET = 'integration-test-secret-of-at-least-32-chars';
let db: Db;
let user: TestUser;

beforeAll(async () => {
  db = testDb();
  user = await createTestUser(db, 'cookies');
});
afterAll(async () => {
  await db.$disconnect();
});

/** Signs in through next-auth and returns the Set-Cookie lines of the answer, by cookie name. */
async function signInCookies(publicUrl: string): Promise<Map<string, string>> {
  const handler = nextAuthTestHandler(
    buildAuthOptions({ NEXTAUTH_SECRET: SECRET, NEXTAUTH_URL: publicUrl }),
  );
  const request = await credentialsSignInRequest(handler, user, { origin: publicUrl });
  const response = await handler(request);
  expect(response.status).toBe(200);
  return new Map(response.headers.getSetCookie().map((line) => [line.split('=')[0]!, line]));
}

function attributes(line: string): string[] {
  return line
    .split(';')
    .slice(1)
    .map((part) => part.trim().toLowerCase());
}

describe('session cookie', () => {
  it('is HttpOnly and SameSite=Lax without Secure over plain http', async () => {
    const cookies = await signInCookies('http://localhost:3000');
    const session = cookies.get('next-auth.session-token');
    expect(session).toBeDefined();
    expect(attributes(session!)).toEqual(
      expect.arrayContaining(['httponly', 'samesite=lax', 'path=/']),
    );
    expect(attributes(session!)).not.toContain('secure');
  });

  it('is __Secure-, Secure, HttpOnly and SameSite=Lax behind TLS', async () => {
    const cookies = await signInCookies('https://captions.example.org');
    expect(cookies.has('next-auth.session-token')).toBe(false);
    const session = cookies.get('__Secure-next-auth.session-token');
    expect(session).toBeDefined();
    expect(attributes(session!)).toEqual(
      expect.arrayContaining(['httponly', 'samesite=lax', 'secure']),
    );
  });

  it('comes with no cookie that scripts can read, over http or https', async () => {
    for (const publicUrl of ['http://localhost:3000', 'https://captions.example.org']) {
      for (const [name, line] of await signInCookies(publicUrl)) {
        expect(attributes(line), name).toContain('httponly');
        expect(attributes(line), name).toContain('samesite=lax');
        if (publicUrl.startsWith('https')) expect(attributes(line), name).toContain('secure');
      }
    }
  });
});
