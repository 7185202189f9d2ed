// `npm run model:tiny [-- --out DIR]`: builds the tiny BLIP-2-contract model (default models/tiny-blip2).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { modelChecksum } from '../model/checksums';
import { DEFAULT_MODEL_DIR } from '../model/paths';
import { buildTinyModel } from './build-tiny-model';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = values.out ? resolve(values.out) : DEFAULT_MODEL_DIR;
const manifest = await buildTinyModel(outDir);
console.log(`tiny model written to ${outDir} (checksum ${modelChecksum(manifest.files)})`);
