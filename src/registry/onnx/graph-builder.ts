import { AttrType, DataType, ModelProtoType } from './onnx-proto.js';

/** An ONNX attribute as the proto encoder takes it. */
export type Attribute = Record<string, unknown> & { name: string; type: number };

/** Attribute constructors, one per ONNX attribute type Lathe writes. */
export const attr = {
  int: (name: string, i: number): Attribute => ({ name, type: AttrType.INT, i }),
  float: (name: string, f: number): Attribute => ({ name, type: AttrType.FLOAT, f }),
  string: (name: string, s: string): Attribute => ({ name, type: AttrType.STRING, s: utf8(s) }),
  ints: (name: string, ints: ArrayLike<number>): Attribute => ({ name, type: AttrType.INTS, ints: Array.from(ints) }),
  floats: (name: string, floats: ArrayLike<number>): Attribute => ({ name, type: AttrType.FLOATS, floats: Array.from(floats) }),
  strings: (name: string, strings: readonly string[]): Attribute => ({ name, type: AttrType.STRINGS, strings: strings.map(utf8) }),
  tensor: (name: string, t: Record<string, unknown>): Attribute => ({ name, type: AttrType.TENSOR, t }),
};

/** A tensor proto of doubles, stored as raw little-endian bytes (exact, and compact). */
export function doubleTensor(values: ArrayLike<number>, dims: number[] = [values.length], name?: string): Record<string, unknown> {
  const raw = new Uint8Array(Float64Array.from(values).buffer);
  return { ...(name ? { name } : {}), dims, dataType: DataType.DOUBLE, rawData: raw };
}

/** A tensor proto of int64s. */
export function int64Tensor(values: ArrayLike<number>, dims: number[] = [values.length], name?: string): Record<string, unknown> {
  return { ...(name ? { name } : {}), dims, dataType: DataType.INT64, int64Data: Array.from(values) };
}

/** A tensor proto of strings. */
export function stringTensor(values: readonly string[], dims: number[] = [values.length], name?: string): Record<string, unknown> {
  return { ...(name ? { name } : {}), dims, dataType: DataType.STRING, stringData: values.map(utf8) };
}

/** A tensor type for a graph input or output; `null` dims are symbolic (the batch). */
export function tensorType(elemType: number, dims: (number | string | null)[]): Record<string, unknown> {
  return {
    tensorType: {
      elemType,
      shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d ?? 'N' })) },
    },
  };
}

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/**
 * Builds one ONNX graph node by node, handing out unique value names, and
 * encodes it as a ModelProto. Values are plain objects in the shape
 * protobufjs encodes (see onnx-proto.ts).
 *
 * @example
 * ```ts
 * const g = new GraphBuilder('lathe');
 * g.input('x', tensorType(DataType.DOUBLE, [null, 1]));
 * const y = g.node('Neg', ['x']);
 * g.output(y, tensorType(DataType.DOUBLE, [null, 1]), 'y');
 * const bytes = g.encode();
 * ```
 */
export class GraphBuilder {
  private readonly nodes: Record<string, unknown>[] = [];
  private readonly inits: Record<string, unknown>[] = [];
  private readonly inputs: Record<string, unknown>[] = [];
  private readonly outputs: Record<string, unknown>[] = [];
  private readonly used = new Set<string>();
  private readonly opsets = new Map<string, number>();
  private counter = 0;

  constructor(
    private readonly name: string,
    opsets: Record<string, number> = { '': 17, 'ai.onnx.ml': 3 },
  ) {
    for (const [d, v] of Object.entries(opsets)) this.opsets.set(d, v);
  }

  /** A fresh value name starting with `hint`. */
  fresh(hint: string): string {
    let n = hint.replace(/[^A-Za-z0-9_]/g, '_');
    while (this.used.has(n)) n = `${hint.replace(/[^A-Za-z0-9_]/g, '_')}_${++this.counter}`;
    this.used.add(n);
    return n;
  }

  /** Declares a graph input under its exact name (which must be unique). */
  input(name: string, type: Record<string, unknown>): string {
    if (this.used.has(name)) throw new Error(`graph value name "${name}" is used twice`);
    this.used.add(name);
    this.inputs.push({ name, type });
    return name;
  }

  /** Declares `value` as a graph output named `name` (an Identity is added when they differ). */
  output(value: string, type: Record<string, unknown>, name = value): void {
    let v = value;
    if (name !== value) {
      if (this.used.has(name)) throw new Error(`graph value name "${name}" is used twice`);
      this.used.add(name);
      this.nodes.push({ opType: 'Identity', input: [value], output: [name], name: `Identity_${name}` });
      v = name;
    }
    this.outputs.push({ name: v, type });
  }

  /** A constant tensor (an initializer); returns its value name. */
  constant(hint: string, tensor: Record<string, unknown>): string {
    const name = this.fresh(hint);
    this.inits.push({ ...tensor, name });
    return name;
  }

  /** Adds a node; returns its output names (`outputs` of them). */
  nodeN(opType: string, inputs: string[], outputs: number, attrs: Attribute[] = [], domain = ''): string[] {
    const outs = Array.from({ length: outputs }, () => this.fresh(opType.toLowerCase()));
    this.nodes.push({ opType, input: inputs, output: outs, name: this.fresh(`${opType}_node`), attribute: attrs, ...(domain ? { domain } : {}) });
    return outs;
  }

  /** Adds a node with one output; returns its name. */
  node(opType: string, inputs: string[], attrs: Attribute[] = [], domain = ''): string {
    return this.nodeN(opType, inputs, 1, attrs, domain)[0];
  }

  /** Adds an `ai.onnx.ml` node with one output. */
  ml(opType: string, inputs: string[], attrs: Attribute[] = []): string {
    return this.node(opType, inputs, attrs, 'ai.onnx.ml');
  }

  /** Raises an opset requirement (never lowers it). */
  requireOpset(domain: string, version: number): void {
    this.opsets.set(domain, Math.max(version, this.opsets.get(domain) ?? 0));
  }

  /** The ModelProto as bytes. */
  encode(meta: Record<string, string> = {}, producerVersion = ''): Uint8Array {
    const model = {
      irVersion: 8,
      producerName: 'lathe',
      producerVersion,
      opsetImport: [...this.opsets].map(([domain, version]) => ({ domain, version })),
      graph: { name: this.name, node: this.nodes, initializer: this.inits, input: this.inputs, output: this.outputs },
      metadataProps: Object.entries(meta).map(([key, value]) => ({ key, value })),
    };
    const err = ModelProtoType.verify(model);
    if (err) throw new Error(`internal: the ONNX model does not encode: ${err}`);
    return ModelProtoType.encode(ModelProtoType.fromObject(model)).finish();
  }
}
