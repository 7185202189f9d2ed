import { hashPassword, verifyPassword, type Db } from '@captionary/db';
import { EmailAddress } from '@captionary/shared';
import { z } from 'zod';
import { authTimeFor } from './session-validity';
import type { SessionUser } from './session-user';

const SignInCredentials = z.object({
  email: EmailAddress,
  password: z.string().min(1).max(200),
});

/** A verified sign-in: the user plus the instant the session starts. */
export type VerifiedSignIn = SessionUser & { authTime: number };

// Verifying against a throwaway hash when the email is unknown makes both failures take the
// same time, so response times do not reveal which emails have accounts.
let decoyHash: Promise<string> | undefined;

/**
 * Checks an email and password. Unknown email, wrong password, a disabled account and
 * malformed input all give the same answer (null), so a caller cannot tell them apart.
 */
export async function verifyCredentials(db: Db, raw: unknown): Promise<VerifiedSignIn | null> {
  const parsed = SignInCredentials.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      passwordHash: true,
      disabledAt: true,
      sessionsValidAfter: true,
    },
  });
  if (!user) {
    decoyHash ??= hashPassword('decoy password that matches nothing');
    await verifyPassword(await decoyHash, password);
    return null;
  }
  const passwordMatches = await verifyPassword(user.passwordHash, password);
  if (!passwordMatches || user.disabledAt) return null;
  return { id: user.id, email: user.email, name: user.name, authTime: authTimeFor(user) };
}
