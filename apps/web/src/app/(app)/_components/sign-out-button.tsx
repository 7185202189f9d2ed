'use client';

import { signOut } from 'next-auth/react';

export function SignOutButton() {
  return (
    <button
      type="button"
      className="button button--ghost"
      onClick={() => void signOut({ callbackUrl: '/sign-in' })}
    >
      Sign out
    </button>
  );
}
