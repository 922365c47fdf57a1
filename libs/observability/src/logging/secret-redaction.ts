/**
 * What keeps credentials out of log lines: fields named like credentials are censored at any
 * depth, and secrets inside strings (URL query parameters, passwords in URLs, Telegram bot tokens
 * in API paths, bearer tokens) are cut out. Log stores are read by many people and kept for long;
 * a webhook's verify token, an API key or a bot token in them is a credential handed out.
 */
export const REDACTED = '[redacted]';

/** `accessToken`, `x-api-key`, `hub.verify_token`, `passwordHash` → words to match on. */
const normalizeKey = (key: string): string =>
  key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

const CREDENTIAL_KEY =
  /(?:^|[._-])(?:password(?:_hash)?|passwd|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|encryption[_-]?key|credentials?|authorization|cookie|signature(?:-\d+)?)$/;
/** Query parameter names that carry a secret without saying so. */
const SECRET_PARAMS = new Set(['key', 'code', 'sig', 'auth']);

/**
 * Field names repeat (headers, a request's fields), and every logged object is walked: each name
 * is judged once. Bounded, since some names come from outside (query parameters).
 */
const judgedKeys = new Map<string, boolean>();
const JUDGED_KEYS_MAX = 2_000;

export const isCredentialKey = (key: string): boolean => {
  let credential = judgedKeys.get(key);
  if (credential === undefined) {
    credential = CREDENTIAL_KEY.test(normalizeKey(key));
    if (judgedKeys.size >= JUDGED_KEYS_MAX) judgedKeys.clear();
    judgedKeys.set(key, credential);
  }
  return credential;
};

const QUERY_PARAM = /([?&;])([^=&#\s"'<>]+)=([^&#\s"'<>]*)/g;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:@/\s"'<>]*:)[^@/\s"'<>]+@/gi;
const TELEGRAM_BOT_TOKEN = /\/bot\d+:[A-Za-z0-9_-]+/g;
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/** The string with every secret it visibly carries replaced by `[redacted]`. */
/**
 * A character or word each pattern below needs (`[?&;]` a query parameter, `@` a password in a
 * URL, `/bot` a Telegram token, the auth schemes): most logged strings have none, and are returned
 * without running the four replacements.
 */
const MAY_CARRY_SECRET = /[?&;@]|\/bot|bearer|basic/i;

export function redactString(text: string): string {
  if (text.length === 0 || !MAY_CARRY_SECRET.test(text)) return text;
  return text
    .replace(QUERY_PARAM, (whole, separator: string, name: string) => {
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // not percent-encoded after all
      }
      return isCredentialKey(decoded) || SECRET_PARAMS.has(decoded.toLowerCase())
        ? `${separator}${name}=${REDACTED}`
        : whole;
    })
    .replace(URL_PASSWORD, `$1${REDACTED}@`)
    .replace(TELEGRAM_BOT_TOKEN, `/bot${REDACTED}`)
    .replace(AUTH_SCHEME, `$1 ${REDACTED}`);
}

const MAX_DEPTH = 8;

/**
 * A record to walk: built by an object literal, `Object.create(null)` (Node's header maps) or a
 * serializer's prototype object; not an instance of a class (requests, errors, buffers, dates).
 */
const isRecord = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object') return false;
  // By name: objects made in another realm (Node's own, under Jest) have another `Object`.
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  return name === undefined || name === 'Object';
};

/**
 * A copy of a logged value with credential fields censored and strings scrubbed. Only plain
 * records and arrays are walked; anything else (errors, requests) is left to its serializer.
 */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] =
      isCredentialKey(key) && item !== null && item !== undefined && item !== ''
        ? REDACTED
        : redactValue(item, depth + 1);
  }
  return copy;
}
