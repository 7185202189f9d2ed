import { z } from 'zod';
import { TeamRole } from '../auth/roles';
import { ObjectId } from './common';

/** A new API key for machine clients, scoped to the current team and one role. */
export const CreateApiKeyRequest = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Name the key after what will use it')
    .max(80, 'Keep the name under 80 characters'),
  role: TeamRole,
});
export type CreateApiKeyRequest = z.infer<typeof CreateApiKeyRequest>;

export const ApiKeyRef = z.object({ apiKeyId: ObjectId });
export type ApiKeyRef = z.infer<typeof ApiKeyRef>;
