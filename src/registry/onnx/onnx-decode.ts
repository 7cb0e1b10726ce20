import { LatheError } from '../../errors.js';
import { ModelProtoType } from './onnx-proto.js';

/** The parts of a decoded ModelProto that Lathe reads. */
export interface DecodedModel {
  irVersion: number;
  producer: string;
  opsets: Record<string, number>;
  nodes: { opType: string; domain: string; attributes: Map<string, { strings?: string[]; ints?: number[] }> }[];
  inputs: string[];
  outputs: string[];
  metadata: Record<string, string>;
}

interface RawModel {
  irVersion?: number;
  producerName?: string;
  opsetImport?: { domain?: string; version?: number }[];
  graph?: {
    node?: { opType?: string; domain?: string; attribute?: { name?: string; strings?: Uint8Array[]; ints?: number[] }[] }[];
    input?: { name?: string }[];
    output?: { name?: string }[];
    initializer?: { name?: string }[];
  };
  metadataProps?: { key?: string; value?: string }[];
}

/**
 * Decodes and sanity-checks an ONNX ModelProto. Bytes that do not decode,
 * or decode to something without a graph, nodes, inputs, outputs and an
 * opset (most non-ONNX files fail one of these), are refused as "not an
 * ONNX model". Nothing in the model is executed.
 */
export function decodeModel(bytes: Uint8Array, label: string): DecodedModel {
  const notOnnx = (why: string, cause?: unknown) =>
    new LatheError('UNSUPPORTED_FORMAT', `${label} is not an ONNX model (${why})`, {
      hint: 'pass a .onnx file written by an ONNX exporter (skl2onnx, onnxmltools, `lathe model export`)',
      cause,
    });
  let raw: RawModel;
  try {
    raw = ModelProtoType.toObject(ModelProtoType.decode(bytes), { longs: Number, defaults: false }) as RawModel;
  } catch (cause) {
    throw notOnnx('it does not decode as an ONNX protobuf', cause);
  }
  const g = raw.graph;
  if (!g) throw notOnnx('no graph');
  if (!raw.opsetImport || raw.opsetImport.length === 0) throw notOnnx('no opset import');
  if (!(typeof raw.irVersion === 'number' && raw.irVersion >= 1 && raw.irVersion < 100)) throw notOnnx(`IR version ${String(raw.irVersion)}`);
  if (!g.node || g.node.length === 0) throw notOnnx('the graph has no nodes');
  if (!g.output || g.output.length === 0) throw notOnnx('the graph has no outputs');
  const inits = new Set((g.initializer ?? []).map((i) => i.name));
  const inputs = (g.input ?? []).map((i) => i.name ?? '').filter((n) => !inits.has(n));
  if (inputs.length === 0) throw notOnnx('the graph has no inputs');
  const dec = new TextDecoder();
  return {
    irVersion: raw.irVersion,
    producer: raw.producerName ?? '',
    opsets: Object.fromEntries(raw.opsetImport.map((o) => [o.domain ?? '', Number(o.version ?? 0)])),
    nodes: g.node.map((n) => ({
      opType: n.opType ?? '',
      domain: n.domain ?? '',
      attributes: new Map((n.attribute ?? []).map((a) => [a.name ?? '', { strings: a.strings?.map((s) => dec.decode(s)), ints: a.ints }])),
    })),
    inputs,
    outputs: g.output.map((o) => o.name ?? ''),
    metadata: Object.fromEntries((raw.metadataProps ?? []).map((p) => [p.key ?? '', p.value ?? ''])),
  };
}

/** Class labels a classifier node or ZipMap declares (`classlabels_strings` or `classlabels_int64s`), if any. */
export function graphClassLabels(m: DecodedModel): string[] | null {
  for (const n of m.nodes) {
    const s = n.attributes.get('classlabels_strings')?.strings;
    if (s && s.length > 0) return s;
    const i = n.attributes.get('classlabels_int64s')?.ints;
    if (i && i.length > 0) return i.map(String);
  }
  const meta = m.metadata['lathe.classes'];
  if (meta) {
    try {
      const c = JSON.parse(meta) as unknown;
      if (Array.isArray(c) && c.every((x) => typeof x === 'string')) return c;
    } catch {
      // Metadata is advisory; an unreadable entry is ignored.
    }
  }
  return null;
}
