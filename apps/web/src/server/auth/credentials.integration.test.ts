import type { Db } from '@captionary/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, FIXTURE_PASSWORD, testDb } from '../testing/fixtures';
import { verifyCredentials } from './credentials';
import { judgeSession } from './session-validity';

let db: Db;
beforeAll(() => {
  db = testDb();
});
afterAll(async () => {
  await db.$disconnect();
});

describe('verifyCredentials', () => {
  it('signs in with the right password, whatever the email case', async () => {
    const user = await createTestUser(db);
    const result = await verifyCredentials(db, {
      email: `  ${user.email.toUpperCase()} `,
      password: FIXTURE_PASSWORD,
    });
    expect(result).toMatchObject({ id: user.id, email: user.email });
    expect(result!.authTime).toBeGreaterThan(0);
  });

  it('gives the same answer for a wrong password, an unknown email and malformed input', async () => {
    const user = await createTestUser(db);
    expect(
      await verifyCredentials(db, { email: user.email, password: 'wrong password!' }),
    ).toBeNull();
    expect(
      await verifyCredentials(db, {
        email: 'nobody@test.captionary.dev',
        password: FIXTURE_PASSWORD,
      }),
    ).toBeNull();
    expect(await verifyCredentials(db, { email: 'a@x.dev,b@x.dev', password: 'x' })).toBeNull();
    expect(await verifyCredentials(db, undefined)).toBeNull();
  });

  it('refuses a disabled account', async () => {
    const user = await createTestUser(db);
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(
      await verifyCredentials(db, { email: user.email, password: FIXTURE_PASSWORD }),
    ).toBeNull();
  });

  it('voids a session issued before a password change', async () => {
    const user = await createTestUser(db);
    const signIn = await verifyCredentials(db, { email: user.email, password: FIXTURE_PASSWORD });
    const fresh = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(judgeSession(fresh, signIn!.authTime)).toEqual({ valid: true });

    const changed = await db.user.update({
      where: { id: user.id },
      data: { sessionsValidAfter: new Date(signIn!.authTime + 1) },
    });
    expect(judgeSession(changed, signIn!.authTime)).toEqual({ valid: false, reason: 'revoked' });
  });
});
