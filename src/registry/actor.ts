import { userInfo } from 'node:os';

/**
 * Who is acting, for the audit trail: `$LATHE_ACTOR` when set (a server sets
 * it to the API key's name), otherwise the OS user.
 */
export function currentActor(): string {
  const env = process.env.LATHE_ACTOR?.trim();
  if (env) return env;
  try {
    return userInfo().username;
  } catch {
    // A container user with no passwd entry has no name; its uid still identifies it.
    return `uid:${process.getuid?.() ?? 'unknown'}`;
  }
}
