/**
 * Secret-free descriptions of sources. Passwords in URLs and connection
 * strings are replaced before a description is logged, stored or shown.
 */

const SECRET_PARAMS = /([?&](?:password|pass|pwd|secret|token|access_token|api_key|apikey|key|sig|signature)=)[^&#]*/gi;

/** Replaces the password of a URL (and secret query parameters) with `***`. */
export function redactUrl(raw: string): string {
  let out = raw;
  try {
    const u = new URL(raw);
    if (u.password) {
      u.password = '***';
      out = u.toString();
    }
  } catch {
    // Not a URL parser's URL; fall back to a pattern so `user:pw@host` still hides.
    out = out.replace(/(\/\/[^:/@\s]+:)[^@/\s]+@/, '$1***@');
  }
  return out.replace(SECRET_PARAMS, '$1***');
}

/** Redacts every URL-looking substring of free text, such as a driver's error message. */
export function redactText(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, (m) => redactUrl(m));
}
