import { z } from 'zod';

/** Who is signed in, as carried in the session token and handed to tRPC and pages. */
export const SessionUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
});
export type SessionUser = z.infer<typeof SessionUser>;

/** Claims our session tokens carry besides next-auth's own (iat, exp, jti). */
export const SessionTokenClaims = z.object({
  sub: z.uuid(),
  email: z.string(),
  name: z.string(),
  /** Sign-in instant, ms since the epoch; compared with the user's sessionsValidAfter. */
  authTime: z.number().int(),
});
export type SessionTokenClaims = z.infer<typeof SessionTokenClaims>;
