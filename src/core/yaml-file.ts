import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import YAML, { type Document, LineCounter, type Node as YamlNode } from 'yaml';
import { LatheError } from '../errors.js';

/**
 * The limits every YAML file Lathe reads is held to. A config or schema file
 * is small and hand-written; anything past these is a mistake or an attack
 * (a "billion laughs" of nested aliases, a file nested thousands deep).
 */
export const YAML_LIMITS = {
  /** Largest file, in bytes (1 MiB). */
  maxBytes: 1024 * 1024,
  /** Aliases (`*name`) resolved at most, counting what each expands to (the yaml package's own measure). */
  maxAliasCount: 100,
  /** Deepest nesting of mappings and lists. */
  maxDepth: 64,
} as const;

/** What a YAML file is, for messages: `schema file`, `config file`, … */
export interface YamlReadOptions {
  /** What the file is, e.g. `config file`; used in the not-found message. */
  what?: string;
  /** How to fix a file that is not there, e.g. `check the --config path`. */
  missingHint?: string;
}

const SYNTAX_HINT = 'fix the YAML at that line (indentation, quotes, colons)';

/**
 * Parses YAML (or JSON) text under {@link YAML_LIMITS}, as the one way Lathe
 * reads YAML. Every problem is one BAD_INPUT (or TOO_LARGE) error of one line,
 * `<label>: line L, column C: <reason>`: syntax errors, duplicate keys, more
 * than one document, unknown tags (`!!js/function`, `!foo`, `!!binary`: YAML 1.2
 * core types only), keys that are not plain values, too many aliases and too
 * deep nesting. The yaml package's warnings are treated as errors and never
 * printed by it.
 *
 * @example
 * ```ts
 * const doc = parseYaml('a: 1\n', 'lathe.yaml'); // { a: 1 }
 * ```
 */
export function parseYaml(text: string, label: string): unknown {
  if (Buffer.byteLength(text, 'utf8') > YAML_LIMITS.maxBytes) throw tooLarge(label);
  if (text.includes('\u0000')) throw binary(label);
  // The yaml package recurses per level and takes seconds to recover from a stack overflow, so deep files are refused first.
  const deep = nestingPastLimit(text);
  if (deep !== null) throw tooDeep(label, deep);
  const lc = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = YAML.parseAllDocuments(text.replace(/^\uFEFF/, ''), {
      lineCounter: lc,
      prettyErrors: false,
      logLevel: 'silent',
      schema: 'core',
      resolveKnownTags: false,
      merge: false,
      uniqueKeys: true,
      version: '1.2',
    }) as Document.Parsed[];
  } catch (cause) {
    throw syntax(label, null, (cause as Error).message, cause);
  }
  if (!Array.isArray(docs)) docs = [docs];
  if (docs.length > 1) {
    throw syntax(label, lc.linePos(docs[1].range[0]), 'the file holds more than one YAML document (a second "---")', undefined, 'keep one document in the file');
  }
  if (docs.length === 0) return null;
  const doc = docs[0];
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) {
    if (problem.code === 'RESOURCE_EXHAUSTION') throw tooDeep(label, lc.linePos(problem.pos[0]));
    throw syntax(label, lc.linePos(problem.pos[0]), problem.message, problem);
  }
  checkNodes(doc, label, lc);
  try {
    return doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount });
  } catch (cause) {
    // The yaml package throws a ReferenceError when aliases expand past maxAliasCount.
    throw new LatheError('BAD_INPUT', `${label}: aliases expand too far (more than ${YAML_LIMITS.maxAliasCount} nodes): ${firstLine((cause as Error).message)}`, {
      hint: `write the values out, or use fewer *aliases (limit ${YAML_LIMITS.maxAliasCount})`,
      cause,
    });
  }
}

/** Reads and parses a YAML file: {@link readYamlText}, then {@link parseYaml}. */
export function readYamlFile(path: string, opts: YamlReadOptions = {}): unknown {
  return parseYaml(readYamlText(path, opts), path);
}

/**
 * Reads a YAML file's text under {@link YAML_LIMITS}. The size is checked
 * before the file is read, and the bytes must be UTF-8 text: a binary or
 * Latin-1 file gets a clear BAD_INPUT, a missing file NOT_FOUND.
 */
export function readYamlText(path: string, opts: YamlReadOptions = {}): string {
  const what = opts.what ?? 'YAML file';
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new LatheError('NOT_FOUND', `${path}: no such ${what}`, { hint: opts.missingHint ?? 'check the path', cause });
    throw new LatheError('BAD_INPUT', `${path}: cannot read the ${what} (${code ?? 'error'})`, { hint: 'check the path and its permissions', cause });
  }
  let bytes: Buffer;
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new LatheError('BAD_INPUT', `${path}: is a folder, not a ${what}`, { hint: opts.missingHint ?? 'pass a file' });
    // Read one byte past the limit so a file that grows while being read is still refused.
    const buf = Buffer.alloc(Math.min(st.size, YAML_LIMITS.maxBytes) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n === buf.length) break;
    }
    if (n > YAML_LIMITS.maxBytes) throw tooLarge(path);
    bytes = buf.subarray(0, n);
  } catch (e) {
    if (e instanceof LatheError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new LatheError('BAD_INPUT', `${path}: cannot read the ${what} (${code ?? 'error'})`, { hint: 'check the path and its permissions', cause: e });
  } finally {
    closeSync(fd);
  }
  if (bytes.includes(0)) throw binary(path);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new LatheError('BAD_INPUT', `${path}: is not UTF-8 text`, { hint: 'save the file as UTF-8', cause });
  }
}

/**
 * A cheap scan for nesting past the limit, before the parser sees it: flow
 * brackets outside quotes and comments, and the stack of block indents.
 * It over-counts only for brackets inside block scalars, which must then
 * run past the limit unmatched. Returns where the limit was passed.
 */
function nestingPastLimit(text: string): LinePos {
  const max = YAML_LIMITS.maxDepth;
  let flow = 0;
  let line = 1;
  let lineStart = 0;
  let quote: string | null = null;
  const indents: number[] = [];
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      line++;
      lineStart = i + 1;
      atLineStart = true;
      if (quote === "'") continue;
      continue;
    }
    if (atLineStart && flow === 0 && quote === null) {
      if (c === ' ' || c === '\t' || c === '\r') continue;
      atLineStart = false;
      if (c !== '#') {
        // Each "- " on a line opens one more level; the indent opens one.
        let col = i - lineStart;
        while (indents.length > 0 && indents[indents.length - 1] >= col) indents.pop();
        indents.push(col);
        let j = i;
        while (text[j] === '-' && (text[j + 1] === ' ' || text[j + 1] === '\t')) {
          j += 2;
          while (text[j] === ' ') j++;
          col = j - lineStart;
          indents.push(col);
        }
        if (indents.length > max) return { line, col: col + 1 };
      }
    }
    atLineStart = false;
    if (quote !== null) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl - 1;
    } else if ((c === '"' || c === "'") && (i === 0 || /[\s\[{,:]/.test(text[i - 1]))) quote = c;
    else if (c === '[' || c === '{') {
      if (++flow > max) return { line, col: i - lineStart + 1 };
    } else if ((c === ']' || c === '}') && flow > 0) flow--;
  }
  return null;
}

/** Walks the node tree without recursion: depth, tags and keys. */
function checkNodes(doc: Document.Parsed, label: string, lc: LineCounter): void {
  const stack: [unknown, number][] = [[doc.contents, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || node === undefined) continue;
    const pos = (n: unknown) => {
      const r = (n as { range?: [number, number, number] }).range;
      return r ? lc.linePos(r[0]) : null;
    };
    if (YAML.isMap(node) || YAML.isSeq(node)) {
      if (depth > YAML_LIMITS.maxDepth) throw tooDeep(label, pos(node));
      for (const item of node.items as unknown[]) {
        if (YAML.isPair(item)) {
          const key = item.key as YamlNode | null;
          if (key !== null && !YAML.isScalar(key)) {
            throw syntax(label, pos(key), 'a key must be a plain value, not a mapping, list or alias', undefined, 'write the key as a plain name');
          }
          stack.push([item.value, depth + 1]);
        } else {
          stack.push([item, depth + 1]);
        }
      }
    }
  }
}

type LinePos = { line: number; col: number } | null;

function at(pos: LinePos): string {
  return pos ? `line ${pos.line}, column ${pos.col}: ` : '';
}

function firstLine(s: string): string {
  const line = s.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

function syntax(label: string, pos: LinePos, reason: string, cause?: unknown, hint = SYNTAX_HINT): LatheError {
  const why = firstLine(reason).replace(/^Unresolved tag: (?:tag:yaml\.org,2002:)?(.*)$/, (_m, t: string) => `unknown tag "${t.startsWith('!') ? t : `!!${t}`}"`);
  const tagHint = why.startsWith('unknown tag') ? 'remove the tag: only plain YAML values (strings, numbers, booleans, null, lists, mappings) are read' : hint;
  return new LatheError('BAD_INPUT', `${label}: ${at(pos)}${why}`, { hint: tagHint, cause });
}

function tooLarge(label: string): LatheError {
  return new LatheError('TOO_LARGE', `${label}: is larger than ${YAML_LIMITS.maxBytes} bytes (1 MiB), the limit for a YAML file`, {
    hint: 'a config or schema file is small; check that the right file was given',
  });
}

function tooDeep(label: string, pos: LinePos): LatheError {
  return new LatheError('BAD_INPUT', `${label}: ${at(pos)}nested deeper than ${YAML_LIMITS.maxDepth} levels, the limit for a YAML file`, {
    hint: 'flatten the mappings and lists',
  });
}

function binary(label: string): LatheError {
  return new LatheError('BAD_INPUT', `${label}: is a binary file, not YAML text`, { hint: 'check that the right file was given' });
}
