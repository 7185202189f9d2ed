import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { sanitizeCallbackUrl } from '../../server/auth/callback-url';
import { getSessionUser } from '../../server/auth/get-session-user';
import { SIGN_IN_RATE_LIMITED } from '../../server/security/sign-in-throttle';
import { SIGN_IN_FAILED, TOO_MANY_ATTEMPTS } from './messages';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

interface SignInPageProps {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;
}

/** The message for next-auth's `error` parameter (set when a sign-in ended on this page). */
function initialError(error: string | string[] | undefined): string | null {
  if (!error) return null;
  return error === SIGN_IN_RATE_LIMITED ? TOO_MANY_ATTEMPTS : SIGN_IN_FAILED;
}

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const params = await searchParams;
  const callbackUrl = sanitizeCallbackUrl(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <main className="auth-page">
      <div className="auth-card">
        <p className="brand brand--large">Captionary</p>
        <h1>Sign in</h1>
        <SignInForm callbackUrl={callbackUrl} initialError={initialError(params.error)} />
        <p className="muted">
          No account? Accounts are created from an invite link sent by a team owner or admin.
        </p>
      </div>
    </main>
  );
}
