import { z } from 'zod';

/** Caption generation parameters, as chosen when a job is launched and recorded with each prediction. */
export const GenerationParams = z
  .object({
    maxNewTokens: z.number().int().min(1).max(128).default(30),
    minNewTokens: z.number().int().min(0).max(128).default(0),
    numBeams: z.number().int().min(1).max(5).default(1),
    /** Optional text prompt for prompted captioning, e.g. "Question: what is shown? Answer:". */
    prompt: z.string().trim().max(500).optional(),
  })
  .refine((p) => p.minNewTokens <= p.maxNewTokens, {
    message: 'minNewTokens must not exceed maxNewTokens',
    path: ['minNewTokens'],
  });
export type GenerationParams = z.infer<typeof GenerationParams>;
