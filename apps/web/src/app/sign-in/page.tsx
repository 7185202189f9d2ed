import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { sanitizeCallbackUrl } from '../../server/auth/callback-url';
import { getSessionUser } from '../../server/auth/get-session-user';
import { SignInForm } from './sign-in-form';

export const metadata: Metadata = { title: 'Sign in' };

interface SignInPageProps {
  searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }>;
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
        <SignInForm
          callbackUrl={callbackUrl}
          initialError={params.error ? 'Sign-in failed. Try again.' : null}
        />
        <p className="muted">
          No account? Accounts are created from an invite link sent by a team owner or admin.
        </p>
      </div>
    </main>
  );
}
