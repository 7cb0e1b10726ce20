/**
 * Secret-free descriptions of sources. Passwords in URLs and connection
 * strings are replaced before a description is logged, stored or shown.
 */

/** Words that make a parameter secret when they are one word of its name. */
const SECRET_WORDS = new Set(['sig', 'signature', 'token', 'secret', 'password', 'passwd', 'pwd', 'pass', 'auth', 'authorization', 'credential', 'credentials', 'key', 'apikey', 'sas']);
/** Endings that make a run-together name secret: accesstoken, clientsecret, secretaccesskey. */
const SECRET_ENDINGS = /(token|secret|password|passwd|signature|credentials?|apikey|accesskey|secretkey|privatekey)$/;

/**
 * True when a query parameter's name says it holds a secret. The name is cut
 * into words at `-`, `_`, `.` and lower-to-upper case changes
 * (`X-Amz-Signature`, `client_secret`, `apiKey`), and it is secret when one
 * word is a secret word (sig, signature, token, secret, password, passwd,
 * pwd, pass, auth, authorization, credential, key, apikey, sas) or the whole
 * name ends like one (`accesstoken`). Case does not matter. Words that only
 * contain one are kept: `keys`, `author`, `compass`, `monkey`.
 */
export function isSecretParam(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[-_.\s]+/)
    .filter(Boolean);
  return words.some((w) => SECRET_WORDS.has(w)) || SECRET_ENDINGS.test(words.join(''));
}

/** Schemes whose user name alone may be a token (`https://TOKEN@host/`); a database URL's user name is a name. */
const TOKEN_USER_SCHEMES = /^(https?|wss?|ftps?):$/i;

/** Replaces the values of secret parameters (see {@link isSecretParam}) in a query or fragment. */
function redactParams(text: string): string {
  return text.replace(/([?&#;])([^=&#;?\s]+)=([^&#;\s]*)/g, (m, sep: string, name: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // A malformed escape: judge the name as written.
    }
    return isSecretParam(decoded) ? `${sep}${name}=***` : m;
  });
}

/**
 * Replaces the password of a URL, a web URL's user name when it has no
 * password (a token), and the values of secret query parameters with `***`.
 *
 * @example
 * ```ts
 * redactUrl('https://s3/x.csv?X-Amz-Signature=abc&a=1'); // 'https://s3/x.csv?X-Amz-Signature=***&a=1'
 * redactUrl('https://ghp_123@host/x.csv');                 // 'https://***@host/x.csv'
 * ```
 */
export function redactUrl(raw: string): string {
  let out = raw;
  try {
    const u = new URL(raw);
    if (u.password) {
      u.password = '***';
      out = u.toString();
    } else if (u.username && TOKEN_USER_SCHEMES.test(u.protocol)) {
      u.username = '***';
      out = u.toString();
    }
  } catch {
    // Not a URL parser's URL; fall back to patterns so `user:pw@host` and `https://token@host` still hide.
    out = out.replace(/(\/\/[^:/@\s]+:)[^@/\s]+@/, '$1***@').replace(/^((?:https?|wss?|ftps?):\/\/)[^:/@\s]+@/i, '$1***@');
  }
  return redactParams(out);
}

/** Redacts every URL-looking substring of free text, such as a driver's error message. */
export function redactText(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, (m) => redactUrl(m));
}
