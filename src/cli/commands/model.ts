import type { Command } from 'commander';
import { LatheError } from '../../errors.js';
import {
  archiveVersion,
  deleteVersion,
  formatVersionRef,
  needModel,
  readSignatureFile,
  registerModel as register,
  unarchiveVersion,
} from '../../registry/index.js';
import type { ModelVersionRecord } from '../../store/index.js';
import { printJson, println } from '../output.js';
import { parseKeyValues } from '../parse-options.js';
import { globals, withHome } from '../with-home.js';
import { registerModelExport } from './model-export.js';
import { lineageText, printModel } from './models.js';

/**
 * The `model` command group, created once: `model show/register/archive/
 * delete` live here, and other modules (ONNX export) add subcommands to the
 * same group through this function.
 */
export function modelCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === 'model') ?? program.command('model').description('inspect and manage registered models');
}

/** `lathe model show|register|archive|unarchive|delete`. */
export function registerModel(program: Command): void {
  const model = modelCommand(program);
  model
    .command('show')
    .description('show a registered model: versions with lineage, aliases, and the alias audit trail')
    .argument('<name>', 'a registered model name')
    .action(async (name: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const out = await withHome(g, async (home) => {
        const m = await needModel(home, name);
        return { model: m, versions: await home.meta.listModelVersions(name), audit: await home.meta.listAliasAudit(name) };
      });
      if (g.json) return printJson(out);
      printModel(out.model, out.versions, out.audit);
    });
  registerRegister(model);
  registerModelExport(model);
  lifecycle(model, 'archive', 'archive a version: it keeps its history but can no longer take an alias', archiveVersion);
  lifecycle(model, 'unarchive', 'make an archived version ready to take aliases again', unarchiveVersion);
  model
    .command('delete')
    .description('delete a version (refused while an alias points at it); its files go unless something else uses them')
    .argument('<ref>', 'name:N')
    .action(async (ref: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const { record, artifactRemoved } = await withHome(g, (home) => deleteVersion(home, ref));
      const out = { model: record.model, version: record.version, deleted: true, artifact: record.artifact, artifact_removed: artifactRemoved };
      if (g.json) return printJson(out);
      println(`deleted ${formatVersionRef(record.model, record.version)}; ${artifactRemoved ? 'its files were removed' : 'its files stay: a run or another version uses them'}`);
    });
}

function registerRegister(model: Command): void {
  model
    .command('register')
    .description('register a new version from a run, a model package folder, or an ONNX file')
    .argument('<source>', 'a run id (or unique prefix), a package folder with manifest.json, or file.onnx')
    .requiredOption('--name <model>', 'the registered model; created on first use')
    .option('--description <text>', "the model's description")
    .option('--tags <k=v,…>', 'tags on the model, merged with its existing ones')
    .option('--signature <file>', 'ONNX only: the column signature (YAML with inputs and outputs)')
    .action(async (source: string, o: { name: string; description?: string; tags?: string; signature?: string }, cmd: Command) => {
      const g = globals(cmd);
      const tags = o.tags !== undefined ? parseKeyValues('--tags', o.tags) : undefined;
      if (o.signature !== undefined && !/\.onnx$/i.test(source)) {
        throw new LatheError('BAD_USAGE', '--signature is for ONNX imports', { hint: 'a Lathe package carries its own signature; drop --signature' });
      }
      const signature = o.signature !== undefined ? readSignatureFile(o.signature) : undefined;
      const { record, created } = await withHome(g, (home) => register(home, source, { name: o.name, description: o.description, tags, signature }));
      if (g.json) return printJson({ model: record.model, version: record.version, already_registered: !created, ...versionFields(record) });
      const what = created ? 'registered' : 'already registered as';
      println(`${what} ${formatVersionRef(record.model, record.version)} (${record.format}, ${lineageText(record)})`);
    });
}

function lifecycle(model: Command, name: string, description: string, fn: typeof archiveVersion): void {
  model
    .command(name)
    .description(description)
    .argument('<ref>', 'name:N')
    .action(async (ref: string, _o: unknown, cmd: Command) => {
      const g = globals(cmd);
      const record = await withHome(g, (home) => fn(home, ref));
      if (g.json) return printJson({ model: record.model, version: record.version, status: record.status });
      println(`${formatVersionRef(record.model, record.version)} is ${record.status}`);
    });
}

function versionFields(r: ModelVersionRecord): Omit<ModelVersionRecord, 'model' | 'version'> {
  const { model: _m, version: _v, ...rest } = r;
  return rest;
}
