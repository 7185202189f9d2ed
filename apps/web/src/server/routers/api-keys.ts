import { ApiKeyRef, CreateApiKeyRequest } from '@captionary/shared';
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys';
import { router, teamProcedure } from '../trpc';

export const apiKeysRouter = router({
  list: teamProcedure('ADMIN').query(({ ctx }) => listApiKeys(ctx.db, ctx.team.id)),

  /** Creates a key; the full key is in this response only. */
  create: teamProcedure('ADMIN')
    .input(CreateApiKeyRequest)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.actor, input)),

  revoke: teamProcedure('ADMIN')
    .input(ApiKeyRef)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.actor, input.apiKeyId)),
});
