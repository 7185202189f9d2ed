import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTinyModel } from '../../src/tiny-model/build-tiny-model';

/** Builds the tiny model into a fresh temp folder; call the returned cleanup when done. */
export async function buildTinyModelInTempDir(): Promise<{
  dir: string;
  cleanup: () => Promise<void>;
}> {
  const parent = await mkdtemp(join(tmpdir(), 'captionary-tiny-'));
  const dir = join(parent, 'tiny-blip2');
  await buildTinyModel(dir);
  return { dir, cleanup: () => rm(parent, { recursive: true, force: true }) };
}
