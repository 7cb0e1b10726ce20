import { LatheError } from '../../errors.js';
import { badState } from './state-json.js';
import type { BaseTransformer } from './transformer.js';
import type { Transformer, TransformerJSON } from './transformer.js';

/** How the registry builds one kind of transformer. */
export interface TransformerEntry {
  /** A new, unfitted transformer; BAD_PARAM on bad parameters. */
  create(params: unknown): Transformer;
  /** A fitted transformer from the output of its `toJSON`. */
  fromJSON(json: TransformerJSON): Transformer;
}

/**
 * Transformer kinds by name. Pipelines are stored as data (kind, params,
 * state), so loading one can only ever build a kind registered here; no
 * code travels with a model package.
 *
 * @example
 * ```ts
 * const reg = registerClass(new TransformerRegistry(), StandardScaler);
 * const t = reg.create('standard_scale', { columns: ['x'] });
 * ```
 */
export class TransformerRegistry {
  private readonly entries = new Map<string, TransformerEntry>();

  /** Adds a kind; registering a kind twice is a programmer error. */
  register(kind: string, entry: TransformerEntry): this {
    if (this.entries.has(kind)) throw new Error(`transformer kind "${kind}" is already registered`);
    this.entries.set(kind, entry);
    return this;
  }

  /** The registered kinds, sorted. */
  kinds(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** True when `kind` is registered. */
  has(kind: string): boolean {
    return this.entries.has(kind);
  }

  /** A new transformer; an unknown kind is BAD_PARAM listing the known ones. */
  create(kind: string, params: unknown = {}): Transformer {
    const e = this.entries.get(kind);
    if (!e) throw new LatheError('BAD_PARAM', `unknown transformer kind "${kind}"`, { hint: `known kinds: ${this.kinds().join(', ')}` });
    return e.create(params);
  }

  /** A fitted transformer from JSON-parsed data; anything malformed or unknown is BAD_INPUT. */
  fromJSON(json: unknown): Transformer {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw badState('a step must be an object {kind, params, state}');
    const { kind, params, state } = json as Record<string, unknown>;
    if (typeof kind !== 'string') throw badState('a step has no "kind"');
    const e = this.entries.get(kind);
    if (!e) {
      throw new LatheError('BAD_INPUT', `pipeline JSON: unknown transformer kind "${kind}"`, {
        hint: `this Lathe knows: ${this.kinds().join(', ')}; the pipeline may come from a newer version`,
      });
    }
    if (typeof params !== 'object' || params === null || typeof state !== 'object' || state === null) throw badState(`step "${kind}" needs "params" and "state" objects`);
    return e.fromJSON({ kind, params: params as TransformerJSON['params'], state: state as Record<string, unknown> });
  }
}

/** A transformer class with its registry key as a static `kind`. */
export interface TransformerClass<T extends BaseTransformer<any, any>> {
  new (params: any): T;
  readonly kind: string;
}

/** Registers a class built on {@link BaseTransformer} under its static `kind`. */
export function registerClass<T extends BaseTransformer<any, any>>(registry: TransformerRegistry, ctor: TransformerClass<T>): TransformerRegistry {
  return registry.register(ctor.kind, classEntry(ctor));
}

/** The registry entry for a class built on {@link BaseTransformer}. */
export function classEntry<T extends BaseTransformer<any, any>>(ctor: new (params: any) => T): TransformerEntry {
  return {
    create: (params) => new ctor(params),
    fromJSON: (json) => new ctor(json.params).restore(json.state),
  };
}
