const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML and inline SVG, in element content and in quoted
 * attributes alike. Every string that comes from data (column names,
 * values, dataset names) goes through here before it reaches a report.
 *
 * @example
 * ```ts
 * escapeHtml('<script>'); // '&lt;script&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/**
 * Shortens text to `max` characters with an ellipsis, by code point so a
 * surrogate pair is never split. Shorten first, escape after, so an entity
 * is never cut in half.
 */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
