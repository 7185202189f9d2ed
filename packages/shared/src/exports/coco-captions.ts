import { z } from 'zod';

/** An image of a COCO captions file; `id` is the image's position in the export, from 1. */
export const CocoImage = z.object({
  id: z.number().int().positive(),
  file_name: z.string(),
  width: z.number().int(),
  height: z.number().int(),
});

/** A caption of one image; one per image in this platform's exports. */
export const CocoAnnotation = z.object({
  id: z.number().int().positive(),
  image_id: z.number().int().positive(),
  caption: z.string(),
});

/** A `coco-captions` export: one JSON document in the COCO captions layout. */
export const CocoCaptions = z.object({
  info: z.object({ description: z.string(), date_created: z.iso.datetime() }),
  images: z.array(CocoImage),
  annotations: z.array(CocoAnnotation),
});
export type CocoCaptions = z.infer<typeof CocoCaptions>;
