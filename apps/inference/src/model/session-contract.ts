import type { InferenceSession } from 'onnxruntime-node';
import { ModelFolderError } from './model-folder-error';
import { ONNX_FILES } from './model-files';
import type { ModelFolder } from './read-model-folder';

interface ExpectedValue {
  name: string;
  type: 'float32' | 'int64';
  /** Expected size per axis; null where the axis is dynamic (batch, sequence). */
  dims: Array<number | null>;
}

/** The inputs and outputs each graph must have, with the sizes the config fixes. */
function expectedContract(
  folder: ModelFolder,
): Record<keyof typeof ONNX_FILES, { inputs: ExpectedValue[]; outputs: ExpectedValue[] }> {
  const { num_query_tokens: queries, text_config: text } = folder.config;
  const { height, width } = folder.preprocessorConfig.size;
  const headDim = text.hidden_size / text.num_attention_heads;
  const cache = (prefix: string): ExpectedValue[] =>
    Array.from({ length: text.num_hidden_layers }, (_, layer) =>
      (['key', 'value'] as const).map((kind) => ({
        name: `${prefix}.${layer}.${kind}`,
        type: 'float32' as const,
        dims: [null, text.num_attention_heads, null, headDim],
      })),
    ).flat();
  return {
    visionEncoder: {
      inputs: [{ name: 'pixel_values', type: 'float32', dims: [null, 3, height, width] }],
      outputs: [
        { name: 'image_features', type: 'float32', dims: [null, queries, text.hidden_size] },
      ],
    },
    embedTokens: {
      inputs: [{ name: 'input_ids', type: 'int64', dims: [null, null] }],
      outputs: [{ name: 'inputs_embeds', type: 'float32', dims: [null, null, text.hidden_size] }],
    },
    decoder: {
      inputs: [
        { name: 'inputs_embeds', type: 'float32', dims: [null, null, text.hidden_size] },
        { name: 'attention_mask', type: 'int64', dims: [null, null] },
        ...cache('past_key_values'),
      ],
      outputs: [
        { name: 'logits', type: 'float32', dims: [null, null, text.vocab_size] },
        ...cache('present'),
      ],
    },
  };
}

function checkValues(
  folder: ModelFolder,
  file: string,
  role: 'input' | 'output',
  actual: readonly InferenceSession.ValueMetadata[],
  expected: ExpectedValue[],
): void {
  const actualNames = actual.map((value) => value.name).sort();
  const expectedNames = expected.map((value) => value.name).sort();
  if (actualNames.join('\n') !== expectedNames.join('\n')) {
    throw new ModelFolderError(
      folder.dir,
      file,
      `${role} names are [${actualNames.join(', ')}], the contract needs [${expectedNames.join(', ')}]`,
    );
  }
  for (const want of expected) {
    const got = actual.find((value) => value.name === want.name);
    if (!got?.isTensor)
      throw new ModelFolderError(folder.dir, file, `${role} ${want.name} is not a tensor`);
    if (got.type !== want.type) {
      throw new ModelFolderError(
        folder.dir,
        file,
        `${role} ${want.name} is ${got.type}, the contract needs ${want.type}`,
      );
    }
    // An exporter may leave every axis symbolic; only a concrete size that disagrees is an error.
    const shapeKnown = got.shape.length > 0;
    const mismatch =
      shapeKnown &&
      (got.shape.length !== want.dims.length ||
        want.dims.some(
          (size, axis) =>
            size !== null && typeof got.shape[axis] === 'number' && got.shape[axis] !== size,
        ));
    if (mismatch) {
      throw new ModelFolderError(
        folder.dir,
        file,
        `${role} ${want.name} has shape [${got.shape.join(', ')}], the contract needs [${want.dims.map((d) => d ?? '?').join(', ')}]`,
      );
    }
  }
}

/** Throws ModelFolderError when a graph's inputs or outputs do not match the model folder contract. */
export function assertSessionContract(
  folder: ModelFolder,
  sessions: Record<keyof typeof ONNX_FILES, InferenceSession>,
): void {
  const contract = expectedContract(folder);
  for (const role of Object.keys(ONNX_FILES) as Array<keyof typeof ONNX_FILES>) {
    const session = sessions[role];
    checkValues(folder, ONNX_FILES[role], 'input', session.inputMetadata, contract[role].inputs);
    checkValues(folder, ONNX_FILES[role], 'output', session.outputMetadata, contract[role].outputs);
  }
}
