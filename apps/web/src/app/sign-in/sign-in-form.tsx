'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { FormError, TextField } from '../../ui/field';
import { SIGN_IN_FAILED, TOO_MANY_ATTEMPTS, WRONG_CREDENTIALS } from './messages';

export function SignInForm({
  callbackUrl,
  initialError,
}: {
  callbackUrl: string;
  initialError: string | null;
}) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!email || !password) {
      setError('Enter your email and password.');
      return;
    }
    setPending(true);
    setError(null);
    const result = await signIn('credentials', { email, password, redirect: false }).catch(
      () => null,
    );
    if (!result || result.error || !result.ok) {
      setPending(false);
      setError(
        result?.status === 429
          ? TOO_MANY_ATTEMPTS
          : result?.error === 'CredentialsSignin' || result?.status === 401
            ? WRONG_CREDENTIALS
            : SIGN_IN_FAILED,
      );
      return;
    }
    // A full navigation, so every server component renders with the new session cookie.
    window.location.assign(callbackUrl);
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <TextField label="Email" name="email" type="email" autoComplete="email" required autoFocus />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
      />
      <FormError message={error} />
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
