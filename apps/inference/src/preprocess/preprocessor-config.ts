import { z } from 'zod';

const Triple = z.tuple([z.number(), z.number(), z.number()]);

/**
 * preprocessor_config.json in Hugging Face's BlipImageProcessor field names. Only bicubic (3) is
 * accepted: it is what BLIP-2 was trained with, and silently resizing with another kernel would
 * shift the model's inputs.
 */
export const PreprocessorConfig = z.object({
  do_convert_rgb: z.boolean().default(true),
  do_resize: z.literal(true).default(true),
  size: z.object({ height: z.number().int().positive(), width: z.number().int().positive() }),
  resample: z.literal(3).default(3),
  do_rescale: z.boolean().default(true),
  rescale_factor: z
    .number()
    .positive()
    .default(1 / 255),
  do_normalize: z.boolean().default(true),
  image_mean: Triple,
  image_std: Triple.refine((std) => std.every((s) => s > 0), 'image_std must be positive'),
});
export type PreprocessorConfig = z.output<typeof PreprocessorConfig>;
