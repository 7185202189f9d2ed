'use client';

import { NewPassword } from '@captionary/shared';
import { useMutation } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { useTRPC } from '../../../trpc/client';
import { fieldError, formLevelError } from '../../../trpc/errors';
import { FormError, TextField } from '../../../ui/field';

/** Sign-up through an invite: name and password; the email is the invited one. */
export function NewAccountForm({ token, email }: { token: string; email: string }) {
  const trpc = useTRPC();
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [signInFailed, setSignInFailed] = useState(false);
  const accept = useMutation(trpc.invitations.acceptWithNewAccount.mutationOptions());

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const name = String(form.get('name') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const confirm = String(form.get('confirm') ?? '');
    const errors: Record<string, string> = {};
    if (!name) errors.name = 'Enter your name';
    const passwordCheck = NewPassword.safeParse(password);
    if (!passwordCheck.success) errors.password = passwordCheck.error.issues[0]!.message;
    else if (password !== confirm) errors.confirm = 'The passwords differ';
    setLocalErrors(errors);
    if (Object.keys(errors).length > 0) return;

    await accept.mutateAsync({ token, name, password }).then(
      async () => {
        const result = await signIn('credentials', { email, password, redirect: false });
        if (result?.ok) window.location.assign('/');
        else setSignInFailed(true);
      },
      () => {}, // shown from accept.error
    );
  }

  if (signInFailed) {
    return (
      <p role="status">
        Your account is ready. <a href="/sign-in">Sign in</a> with {email}.
      </p>
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <TextField
        label="Your name"
        name="name"
        autoComplete="name"
        required
        error={localErrors.name ?? fieldError(accept.error, 'name')}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        required
        error={localErrors.password ?? fieldError(accept.error, 'password')}
      />
      <TextField
        label="Repeat the password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        error={localErrors.confirm}
      />
      <FormError message={formLevelError(accept.error)} />
      <button type="submit" className="button" disabled={accept.isPending}>
        {accept.isPending ? 'Creating your account…' : 'Create account and join'}
      </button>
    </form>
  );
}
