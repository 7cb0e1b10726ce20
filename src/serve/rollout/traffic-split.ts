/**
 * The bucket of a request in [0, 10000): FNV-1a of its id, so the same id
 * always takes the same side of a split (a retried request does not flip
 * between versions); without an id, a random bucket.
 */
export function trafficBucket(id: string | null): number {
  if (id === null) return Math.floor(Math.random() * 10_000);
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % 10_000;
}

/** True when a request in `bucket` goes to a split of `percent` (0–100, in steps of 0.01). */
export function inSplit(bucket: number, percent: number): boolean {
  return bucket < Math.round(percent * 100);
}
