import type { Command } from 'commander';
import type { Task } from '../../estimators/index.js';
import { type TrainConfig, type TrainResult, checkConfig, defaultConfig, readTrainConfig, train } from '../../train/index.js';
import { LatheError } from '../../errors.js';
import { printJson, printTable, println } from '../output.js';
import { parseKeyValues } from '../parse-options.js';
import { globals, progressFor, withHome } from '../with-home.js';

/** `lathe train`. */
export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('fit a feature pipeline and a model on a dataset version, evaluate it, and record the run')
    .option('--dataset <ref>', 'training data: name or name@N')
    .option('--target <column>', 'the column to predict (omit for clustering)')
    .option('--task <task>', 'regression, binary, multiclass or clustering (default: detected from the target)')
    .option('--algo <algo>', 'gbdt, forest, linear, logistic, kmeans or auto', undefined)
    .option('--params <k=v,…>', 'estimator parameters, e.g. iterations=200,learning_rate=0.05')
    .option('--split <method>', 'random, stratified, group or time (default: stratified for classification, else random)')
    .option('--split-column <column>', 'the column a group or time split uses')
    .option('--test-size <fraction>', 'share of rows held out for testing (default 0.2)')
    .option('--test-dataset <ref>', 'evaluate on this dataset version instead of splitting')
    .option('--cv <k>', 'k-fold cross-validation on the training rows')
    .option('--search <n>', 'hyper-parameter search: this many trials, on worker threads (with --algo auto, across the suitable algorithms)')
    .option('--search-time <seconds>', 'hyper-parameter search: stop starting trials after this many seconds')
    .option('--search-strategy <s>', 'random (default) or halving (successive halving, factor 3)')
    .option('--experiment <name>', 'the experiment the run belongs to (default "default")')
    .option('--register <name>', 'register the model under this name')
    .option('--schema <file>', 'validate the dataset against this schema first; errors stop the run')
    .option('--metric <key>', 'the primary metric (default: roc_auc, log_loss, rmse or silhouette by task)')
    .option('--seed <n>', 'random seed for splits and estimators (default 0)')
    .option('--config <file>', 'a lathe.yaml with the same options; flags win')
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const g = globals(cmd);
      const cfg = configFrom(o);
      const res = await withHome(g, (home) => train(home, cfg, progressFor(g, 'train')));
      if (g.json) printJson(res);
      else printTrain(res);
    });
}

/** Merges `--config` and flags into a checked config. */
export function configFrom(o: Record<string, string | undefined>): TrainConfig {
  const file = o.config ? readTrainConfig(o.config) : {};
  const dataset = o.dataset ?? file.dataset;
  if (!dataset) throw new LatheError('BAD_USAGE', 'no dataset given', { hint: 'pass --dataset <name or name@N>, or set dataset: in --config' });
  const cfg = defaultConfig(dataset, o.target ?? file.target ?? null);
  const num = (flag: string, v: string | undefined) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) throw new LatheError('BAD_USAGE', `${flag} "${v}" is not a number`, { hint: `see lathe train --help` });
    return n;
  };
  cfg.task = (o.task ?? file.task) as Task | undefined;
  cfg.algo = o.algo ?? file.algo ?? 'auto';
  cfg.params = { ...(file.params ?? {}), ...(o.params ? parseKeyValues('--params', o.params) : {}) };
  cfg.split = {
    ...cfg.split,
    ...(file.split ?? {}),
    ...(o.split ? { method: o.split as TrainConfig['split']['method'] } : {}),
    ...(o.splitColumn ? { column: o.splitColumn } : {}),
  };
  cfg.split.test_size = num('--test-size', o.testSize) ?? file.test_size ?? file.split?.test_size ?? cfg.split.test_size;
  cfg.test_dataset = o.testDataset ?? file.test_dataset;
  cfg.cv = num('--cv', o.cv) ?? file.cv ?? 0;
  cfg.experiment = o.experiment ?? file.experiment ?? 'default';
  cfg.register = o.register ?? file.register;
  cfg.schema = o.schema ?? file.schema;
  cfg.metric = o.metric ?? file.metric;
  cfg.seed = num('--seed', o.seed) ?? file.seed ?? 0;
  cfg.split.seed = file.split?.seed ?? cfg.seed;
  cfg.search = num('--search', o.search) ?? file.search ?? 0;
  cfg.search_time = num('--search-time', o.searchTime) ?? file.search_time ?? 0;
  cfg.search_strategy = (o.searchStrategy ?? file.search_strategy ?? 'random') as TrainConfig['search_strategy'];
  return checkConfig(cfg);
}

function printTrain(r: TrainResult): void {
  println(`run ${r.run_id}: ${r.task} with ${r.algo}, fitted in ${r.train_seconds.toFixed(2)} s`);
  if (r.search) {
    const p = Object.entries(r.search.best.params).map(([k, v]) => `${k}=${v}`).join(',');
    println(`search (${r.search.strategy}): ${r.search.trials} trials in ${r.search.seconds.toFixed(1)} s; best ${r.search.metric} ${fmt(r.search.best.score)} on validation rows with ${r.search.best.algo} ${p}`);
  }
  const keys = Object.keys(r.metrics.test);
  const rows = keys.map((k) => {
    const row: (string | number)[] = [k, fmt(r.metrics.test[k])];
    if (r.metrics.cv) row.push(`${fmt(r.metrics.cv.mean[k])} ± ${fmt(r.metrics.cv.std[k])}`);
    return row;
  });
  printTable(r.metrics.cv ? ['metric', 'test', 'cv mean ± std'] : ['metric', 'test'], rows);
  println(`package ${r.package}`);
  for (const w of r.warnings) println(`warning: ${w}`);
}

function fmt(x: number | undefined): string {
  return x === undefined || Number.isNaN(x) ? '—' : Number(x.toPrecision(6)).toString();
}
