import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { LatheError } from '../../errors.js';
import { readOnnxArtifact, resolveModelPackage, type ResolvedModel } from '../../predict/index.js';
import { formatVersionRef, loadVerifiedPackage } from '../../registry/index.js';
import { createSession, exportedSignature, exportOnnx } from '../../registry/onnx/index.js';
import type { Home } from '../../store/index.js';
import { latheVersion } from '../../tracking/index.js';
import { printJson, println } from '../output.js';
import { globals, withHome } from '../with-home.js';

interface ExportOptions {
  format: string;
  output: string;
  signatureOut?: string;
}

/** `lathe model export <ref> --format onnx -o model.onnx [--signature-out sig.yaml]`. */
export function registerModelExport(model: Command): void {
  model
    .command('export')
    .description('write a model as a standard ONNX file (ai.onnx + ai.onnx.ml operators), checked to load in onnxruntime')
    .argument('<ref>', 'a registered model (name, name@alias, name:N), a run id, or a package sha256')
    .option('--format <format>', 'the file format: onnx', 'onnx')
    .requiredOption('-o, --output <file>', 'the file to write (replaced atomically)')
    .option('--signature-out <file>', 'also write the signature to register the file with (YAML)')
    .action(async (ref: string, o: ExportOptions, cmd: Command) => {
      const g = globals(cmd);
      if (o.format !== 'onnx') throw new LatheError('BAD_USAGE', `--format ${o.format} is not supported`, { hint: 'use --format onnx' });
      const out = checkTarget(o.output, '--output');
      const sigOut = o.signatureOut !== undefined ? checkTarget(o.signatureOut, '--signature-out') : null;
      const r = await withHome(g, (home) => exportModel(home, ref));
      const sha256 = writeAtomically(out, r.bytes);
      if (sigOut && r.signature) writeAtomically(sigOut, new TextEncoder().encode(stringify(r.signature)));
      const doc = { model: r.label, format: 'onnx', output: out, bytes: r.bytes.length, sha256, signature: sigOut, inputs: r.inputs, outputs: r.outputs };
      if (g.json) return printJson(doc);
      println(`wrote ${out} (${(r.bytes.length / 1024).toFixed(1)} KiB, ONNX) from ${r.label}`);
      println(`inputs: ${r.inputs.map((i) => `${i.name} (${i.type})`).join(', ')}; outputs: ${r.outputs.map((x) => `${x.name} (${x.type})`).join(', ')}`);
      if (sigOut) println(`signature: ${sigOut} (lathe model register ${basename(out)} --name <m> --signature ${basename(sigOut)})`);
    });
}

interface Exported {
  label: string;
  bytes: Uint8Array;
  signature: Record<string, unknown> | null;
  inputs: { name: string; type: string }[];
  outputs: { name: string; type: string }[];
}

/** Converts a Lathe package, or hands back a registered ONNX file as it is; either way checked to load in onnxruntime. */
async function exportModel(home: Home, ref: string): Promise<Exported> {
  const resolved = await resolveModelPackage(home, ref);
  const label = labelOf(resolved, ref);
  if (resolved.format === 'onnx') {
    const a = await readOnnxArtifact(home, resolved);
    return { label, bytes: a.bytes, signature: null, inputs: a.signature.inputs, outputs: a.signature.outputs };
  }
  const doc = await loadVerifiedPackage(home, resolved.sha256, `the model package of ${label}`);
  const bytes = exportOnnx(doc, latheVersion());
  // A graph onnxruntime refuses is a bug here, never a file to hand out.
  const session = await createSession(bytes, `the exported graph of ${label}`, { threads: 1 }).catch((e: LatheError) => {
    throw new LatheError('INTERNAL', e.message, { hint: 'this is a bug in the ONNX export; please report it with the model', cause: e });
  });
  await session.release();
  const sig = exportedSignature(doc);
  return { label, bytes, signature: sig, inputs: sig.inputs as Exported['inputs'], outputs: sig.outputs as Exported['outputs'] };
}

function labelOf(r: ResolvedModel, ref: string): string {
  if (r.version) return formatVersionRef(r.version.model, r.version.version);
  return r.run ? `run ${r.run.id}` : ref;
}

/** The absolute path of a file to write: its folder must exist and it must not be a folder. */
function checkTarget(path: string, flag: string): string {
  const abs = resolve(path);
  const dir = dirname(abs);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new LatheError('NOT_FOUND', `${flag} ${path}: folder ${dir} does not exist`, { hint: 'create the folder first, or write somewhere else' });
  }
  if (existsSync(abs) && statSync(abs).isDirectory()) throw new LatheError('BAD_USAGE', `${flag} ${path} is a folder`, { hint: 'give a file path, e.g. model.onnx' });
  return abs;
}

/** Writes a temp file beside `path`, fsyncs it, and renames it into place: readers see the old file or the whole new one. */
function writeAtomically(path: string, bytes: Uint8Array): string {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = openSync(tmp, 'wx');
    try {
      let off = 0;
      while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return createHash('sha256').update(bytes).digest('hex');
}
