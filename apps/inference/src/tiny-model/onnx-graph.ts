import onnxProto from 'onnx-proto';

// onnx-proto ships CommonJS; its namespace object is the default export under ESM.
const { onnx } = onnxProto;

/** An attribute value tagged with its ONNX type (a bare number cannot say whether it is INT or FLOAT). */
export type OnnxAttribute =
  | { kind: 'int'; value: number }
  | { kind: 'float'; value: number }
  | { kind: 'ints'; value: number[] };

export const intAttr = (value: number): OnnxAttribute => ({ kind: 'int', value });
export const floatAttr = (value: number): OnnxAttribute => ({ kind: 'float', value });
export const intsAttr = (value: number[]): OnnxAttribute => ({ kind: 'ints', value });

/** Element types used by the model contract. */
export type OnnxElementType = 'float32' | 'int64';

/** A graph input or output: a name, an element type and dimensions (a string is a symbolic dim). */
export interface OnnxValueSpec {
  name: string;
  type: OnnxElementType;
  dims: Array<number | string>;
}

const ELEMENT_TYPE: Record<OnnxElementType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  int64: onnx.TensorProto.DataType.INT64,
};

/** The default-domain operator set the tiny model targets (LayerNormalization needs 17). */
export const OPSET_VERSION = 17;

/**
 * Builds one ONNX graph node by node. Node outputs get unique generated names, so model code reads
 * like the maths it computes (`const h = g.op('MatMul', [x, w])`) instead of a list of protobufs.
 */
export class OnnxGraphBuilder {
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly constantsByKey = new Map<string, string>();
  private nextId = 0;

  /** Adds a node and returns the name of its (first) output. */
  op(
    opType: string,
    inputs: string[],
    attributes: Record<string, OnnxAttribute> = {},
    outputName?: string,
  ): string {
    return this.opMulti(opType, inputs, 1, attributes, outputName ? [outputName] : undefined)[0]!;
  }

  /** Adds a node with several outputs and returns their names. */
  opMulti(
    opType: string,
    inputs: string[],
    outputCount: number,
    attributes: Record<string, OnnxAttribute> = {},
    outputNames?: string[],
  ): string[] {
    const id = this.nextId++;
    const outputs =
      outputNames ??
      Array.from({ length: outputCount }, (_, i) => `${opType.toLowerCase()}_${id}_${i}`);
    this.nodes.push(
      onnx.NodeProto.create({
        name: `${opType}_${id}`,
        opType,
        input: inputs,
        output: outputs,
        attribute: Object.entries(attributes).map(([name, attribute]) =>
          toAttributeProto(name, attribute),
        ),
      }),
    );
    return outputs;
  }

  /** Adds a float32 weight tensor stored as raw little-endian bytes. */
  weight(name: string, dims: number[], values: Float32Array): string {
    const expected = dims.reduce((a, b) => a * b, 1);
    if (values.length !== expected) {
      throw new Error(`weight ${name}: ${values.length} values for dims [${dims.join(',')}]`);
    }
    this.initializers.push(
      onnx.TensorProto.create({
        name,
        dims,
        dataType: ELEMENT_TYPE.float32,
        rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
      }),
    );
    return name;
  }

  /** A shared int64 constant (shapes, axes, indices); identical values reuse one initializer. */
  int64s(values: number[], dims: number[] = [values.length]): string {
    const key = `i64:${dims.join('x')}:${values.join(',')}`;
    const existing = this.constantsByKey.get(key);
    if (existing) return existing;
    const name = `const_${this.constantsByKey.size}`;
    const data = new BigInt64Array(values.map((v) => BigInt(v)));
    this.initializers.push(
      onnx.TensorProto.create({
        name,
        dims,
        dataType: ELEMENT_TYPE.int64,
        rawData: new Uint8Array(data.buffer),
      }),
    );
    this.constantsByKey.set(key, name);
    return name;
  }

  /** A shared float32 scalar constant. */
  float(value: number): string {
    const key = `f32:${value}`;
    const existing = this.constantsByKey.get(key);
    if (existing) return existing;
    const name = `const_${this.constantsByKey.size}`;
    this.initializers.push(
      onnx.TensorProto.create({
        name,
        dims: [],
        dataType: ELEMENT_TYPE.float32,
        rawData: new Uint8Array(new Float32Array([value]).buffer),
      }),
    );
    this.constantsByKey.set(key, name);
    return name;
  }

  /** Serializes the graph as a complete ONNX model file. */
  toModelBytes(graphName: string, inputs: OnnxValueSpec[], outputs: OnnxValueSpec[]): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'captionary-tiny-model',
      opsetImport: [onnx.OperatorSetIdProto.create({ domain: '', version: OPSET_VERSION })],
      graph: onnx.GraphProto.create({
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: inputs.map(toValueInfo),
        output: outputs.map(toValueInfo),
      }),
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function toAttributeProto(name: string, attribute: OnnxAttribute) {
  const Type = onnx.AttributeProto.AttributeType;
  switch (attribute.kind) {
    case 'int':
      return onnx.AttributeProto.create({ name, type: Type.INT, i: attribute.value });
    case 'float':
      return onnx.AttributeProto.create({ name, type: Type.FLOAT, f: attribute.value });
    case 'ints':
      return onnx.AttributeProto.create({ name, type: Type.INTS, ints: attribute.value });
  }
}

function toValueInfo(spec: OnnxValueSpec) {
  return onnx.ValueInfoProto.create({
    name: spec.name,
    type: onnx.TypeProto.create({
      tensorType: onnx.TypeProto.Tensor.create({
        elemType: ELEMENT_TYPE[spec.type],
        shape: onnx.TensorShapeProto.create({
          dim: spec.dims.map((d) =>
            typeof d === 'number'
              ? onnx.TensorShapeProto.Dimension.create({ dimValue: d })
              : onnx.TensorShapeProto.Dimension.create({ dimParam: d }),
          ),
        }),
      }),
    }),
  });
}
