// The load benchmark's images for its caption job, imported through the real upload path
// (POST /api/v1/projects/:projectId/data-rows, multipart): every image is the same small JPEG
// with its number written into a comment segment, so each has its own bytes and sha256 and none
// is skipped as a duplicate, while generating them costs one encode.
import { z } from 'zod';
import { MAX_FILES_PER_UPLOAD } from '../src/server/services/imports/upload-import';
import { jpegBytes, withJpegComment } from '../src/server/services/imports/testing/image-fixtures';

const UploadAnswer = z.object({
  created: z.number(),
  skipped: z.number(),
  failed: z.array(z.object({ input: z.string(), error: z.string() })),
});

/** Uploads `count` images into the project with an admin key; throws unless all were created. */
export async function uploadCaptionImages(
  baseUrl: string,
  projectId: string,
  adminKey: string,
  count: number,
): Promise<{ created: number; seconds: number }> {
  const base = await jpegBytes(0, 320, 240);
  const started = performance.now();
  let created = 0;
  for (let first = 0; first < count; first += MAX_FILES_PER_UPLOAD) {
    const form = new FormData();
    for (let n = first; n < Math.min(count, first + MAX_FILES_PER_UPLOAD); n++) {
      const bytes = withJpegComment(base, `caption image ${n}`);
      form.append(
        'file',
        new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }),
        `caption-${n}.jpg`,
      );
    }
    const response = await fetch(`${baseUrl}/api/v1/projects/${projectId}/data-rows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminKey}` },
      body: form,
    });
    if (response.status !== 200)
      throw new Error(`image upload answered ${response.status}: ${await response.text()}`);
    const answer = UploadAnswer.parse(await response.json());
    if (answer.failed.length || answer.skipped)
      throw new Error(
        `image upload skipped ${answer.skipped} and failed ${answer.failed.length}: ` +
          JSON.stringify(answer.failed.slice(0, 3)),
      );
    created += answer.created;
  }
  return { created, seconds: (performance.now() - started) / 1000 };
}
