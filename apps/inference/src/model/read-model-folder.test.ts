import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTinyModelInTempDir } from '../../test/helpers/tiny-model-dir';
import { OnnxGraphBuilder } from '../tiny-model/onnx-graph';
import { sha256Bytes } from './checksums';
import { describeModel } from './model-info';
import { ModelFolderError } from './model-folder-error';
import { openModelSessions } from './open-sessions';
import { readModelFolder } from './read-model-folder';

describe('model folder validation', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ dir, cleanup } = await buildTinyModelInTempDir()));
  afterEach(async () => cleanup());

  async function rewriteManifestChecksum(file: string, bytes: Uint8Array | string) {
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    manifest.files[file] = sha256Bytes(bytes);
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
  }

  it('reports a stable model checksum and the tiny flag', async () => {
    const info = describeModel(await readModelFolder(dir));
    expect(info).toMatchObject({ name: 'tiny-blip2', tiny: true, dir });
    expect(info.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(describeModel(await readModelFolder(dir)).checksum).toBe(info.checksum);
  });

  it('names a missing file', async () => {
    await rm(join(dir, 'embed_tokens.onnx'));
    await expect(readModelFolder(dir)).rejects.toThrow(/embed_tokens\.onnx: missing/);
  });

  it('rejects a tampered file with a checksum mismatch', async () => {
    const path = join(dir, 'decoder_model_merged.onnx');
    const bytes = await readFile(path);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 10) ^ 0xff, bytes.length - 10);
    await writeFile(path, bytes);
    const error = await readModelFolder(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFolderError);
    expect((error as ModelFolderError).file).toBe('decoder_model_merged.onnx');
    expect((error as Error).message).toMatch(/checksum mismatch/);
  });

  it('rejects an invalid config with the field that is wrong', async () => {
    const config = '{"num_query_tokens": "eight", "text_config": {}}';
    await writeFile(join(dir, 'config.json'), config);
    await rewriteManifestChecksum('config.json', config);
    await expect(readModelFolder(dir)).rejects.toThrow(
      /config\.json: invalid: .*num_query_tokens/s,
    );
  });

  it('rejects a graph whose input names break the contract', async () => {
    const graph = new OnnxGraphBuilder();
    graph.op('Identity', ['token_ids'], {}, 'inputs_embeds');
    const bytes = graph.toModelBytes(
      'wrong',
      [{ name: 'token_ids', type: 'float32', dims: ['b', 's', 64] }],
      [{ name: 'inputs_embeds', type: 'float32', dims: ['b', 's', 64] }],
    );
    await writeFile(join(dir, 'embed_tokens.onnx'), bytes);
    await rewriteManifestChecksum('embed_tokens.onnx', bytes);
    const folder = await readModelFolder(dir);
    await expect(openModelSessions(folder, { executionProviders: ['cpu'] })).rejects.toThrow(
      /embed_tokens\.onnx: input names are \[token_ids\], the contract needs \[input_ids\]/,
    );
  });

  it('falls back from cuda to cpu with one log line', async () => {
    const lines: string[] = [];
    const sessions = await openModelSessions(await readModelFolder(dir), {
      log: (line) => lines.push(line),
    });
    expect(sessions.executionProvider).toBe('cpu');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/cuda/);
    await sessions.release();
  });
});
