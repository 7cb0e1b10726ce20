/**
 * The typed-array types Lathe stores and restores (model state, packages).
 * One whitelist, so no other constructor can ever be named by stored data.
 */
export const TYPED_ARRAYS = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
} as const;

/** The name of a storable typed array. */
export type TypedArrayName = keyof typeof TYPED_ARRAYS;

/** The whitelist name of a typed array, or undefined when it is not storable. */
export function typedArrayName(v: ArrayBufferView): TypedArrayName | undefined {
  const name = v.constructor.name;
  return name in TYPED_ARRAYS ? (name as TypedArrayName) : undefined;
}
