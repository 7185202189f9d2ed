// Import sources for the browser tests: a DATA_ROOT folder of generated images (nested folders,
// one file that only pretends to be a JPEG, and a large archive for a job worth cancelling) and a
// loopback HTTP server that serves a few generated images for URL lists. The web app is started
// with DATA_ROOT pointing at the folder and the server's host:port in IMPORT_ALLOW_HOSTS.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  jpegBytes,
  pngBytes,
} from '../apps/web/src/server/services/imports/testing/image-fixtures';
import { startLoopbackServer } from '../apps/web/src/server/services/imports/testing/loopback-server';

/** What the folder and the image server hold, so scenarios know what to expect. */
export const IMPORT_FIXTURES = {
  /** A folder below DATA_ROOT with images in nested sub-folders. */
  photosFolder: 'photos',
  /** Its image files, relative to `photosFolder` (the external ids a folder import gives them). */
  photoFiles: [
    'harbour.jpg',
    'street/corner.jpg',
    'street/market.jpg',
    'street/night/lamps.jpg',
    'parks/pond.png',
    'parks/trees/oak.jpg',
  ],
  /** A text file named like a JPEG inside `photosFolder`: the import must list it as a failure. */
  brokenPhotoFile: 'parks/notes.jpg',
  /** A second folder with enough images that a caption job over it runs long enough to cancel. */
  archiveFolder: 'archive',
  archiveCount: 320,
  /** Paths the image server answers with an image; any other path gets a 404. */
  servedImages: ['/images/boat.jpg', '/images/bridge.jpg', '/images/tower.png', '/images/dog.jpg'],
} as const;

export interface ImportFixtures {
  dataRoot: string;
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  imageServerUrl: string;
  /** `127.0.0.1:<port>`, the IMPORT_ALLOW_HOSTS entry that opens the image server. */
  imageServerHostPort: string;
  /** Every path the image server was asked for, in order. */
  imageServerRequests: string[];
  close(): Promise<void>;
}

/** Spreads small counters over the colour range (an odd multiplier is a bijection mod 2^16). */
const colourful = (n: number) => (n * 40_503) & 0xffff;

async function writeImage(file: string, bytes: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, bytes);
}

/** Creates the folder and starts the image server; `close` stops the server and deletes the folder. */
export async function createImportFixtures(): Promise<ImportFixtures> {
  const dataRoot = await mkdtemp(path.join(os.tmpdir(), 'captionary-e2e-data-'));
  // Every image gets its own seed, so no two share bytes (imports skip identical content).
  let seed = 1;
  const photos = path.join(dataRoot, IMPORT_FIXTURES.photosFolder);
  for (const file of IMPORT_FIXTURES.photoFiles) {
    const bytes = file.endsWith('.png')
      ? await pngBytes(seed++)
      : await jpegBytes(colourful(seed++), 320, 240);
    await writeImage(path.join(photos, file), bytes);
  }
  await writeImage(
    path.join(photos, IMPORT_FIXTURES.brokenPhotoFile),
    Buffer.from('Field notes: the pond freezes in January.\n'),
  );
  const archive = path.join(dataRoot, IMPORT_FIXTURES.archiveFolder);
  for (let i = 0; i < IMPORT_FIXTURES.archiveCount; i++) {
    const folder = `box-${String(Math.floor(i / 80) + 1)}`;
    const name = `scan-${String(i).padStart(4, '0')}.jpg`;
    await writeImage(
      path.join(archive, folder, name),
      await jpegBytes(colourful(1_000 + i), 96, 72),
    );
  }

  const served = new Map<string, Buffer>();
  for (const urlPath of IMPORT_FIXTURES.servedImages) {
    served.set(
      urlPath,
      urlPath.endsWith('.png')
        ? await pngBytes(seed++)
        : await jpegBytes(colourful(seed++), 320, 240),
    );
  }
  const requests: string[] = [];
  const server = await startLoopbackServer((urlPath) => {
    requests.push(urlPath);
    const body = served.get(urlPath);
    if (!body) return undefined;
    return { body, contentType: urlPath.endsWith('.png') ? 'image/png' : 'image/jpeg' };
  });

  return {
    dataRoot,
    imageServerUrl: server.url('').replace(/\/$/, ''),
    imageServerHostPort: server.hostPort,
    imageServerRequests: requests,
    async close() {
      await server.close();
      await rm(dataRoot, { recursive: true, force: true });
    },
  };
}
