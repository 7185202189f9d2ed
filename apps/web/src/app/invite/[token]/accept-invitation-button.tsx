'use client';

import { useMutation } from '@tanstack/react-query';
import { useTRPC } from '../../../trpc/client';
import { errorMessage } from '../../../trpc/errors';
import { FormError } from '../../../ui/field';

export function AcceptInvitationButton({ token, teamName }: { token: string; teamName: string }) {
  const trpc = useTRPC();
  const accept = useMutation(
    trpc.invitations.accept.mutationOptions({ onSuccess: () => window.location.assign('/') }),
  );
  return (
    <div className="form">
      <FormError message={errorMessage(accept.error)} />
      <button
        type="button"
        className="button"
        disabled={accept.isPending}
        onClick={() => accept.mutate({ token })}
      >
        {accept.isPending ? 'Joining…' : `Join ${teamName}`}
      </button>
    </div>
  );
}
