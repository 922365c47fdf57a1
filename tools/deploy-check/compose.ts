import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * Enough of the Compose specification to know what environment each container gets, without a
 * Docker engine: YAML anchors and merge keys, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `$$`, `env_file` (interpolated path, `KEY=VALUE` lines) and `environment`
 * (map or list, a key without a value taken from the shell). `environment` wins over `env_file`.
 */

export type Env = Record<string, string>;

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: unknown;
  entrypoint?: unknown;
  environment?: Record<string, string | number | boolean | null> | string[];
  env_file?: (string | { path: string; required?: boolean })[] | string;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: unknown; disable?: boolean };
  volumes?: (string | { type: string; source?: string; target: string })[];
  ports?: (string | number)[];
  profiles?: string[];
  restart?: string;
  [key: string]: unknown;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

export class InterpolationError extends Error {}

export function interpolate(text: string, shell: Env): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, braced?: string, op?: string, arg?: string, bare?: string) => {
      if (match === '$$') return '$';
      const name = (braced ?? bare)!;
      const value = shell[name];
      const unset = value === undefined;
      const emptyOrUnset = unset || value === '';
      switch (op) {
        case ':-':
          return emptyOrUnset ? interpolate(arg ?? '', shell) : value;
        case '-':
          return unset ? interpolate(arg ?? '', shell) : value;
        case ':?':
          if (emptyOrUnset) throw new InterpolationError(`${name}: ${arg || 'must be set'}`);
          return value;
        case '?':
          if (unset) throw new InterpolationError(`${name}: ${arg || 'must be set'}`);
          return value;
        default:
          return value ?? '';
      }
    },
  );
}

/** Every string of the file interpolated, as `docker compose config` would before anything runs. */
function interpolateDeep<T>(value: T, shell: Env): T {
  if (typeof value === 'string') return interpolate(value, shell) as T;
  if (Array.isArray(value)) return value.map((v) => interpolateDeep(v, shell)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, interpolateDeep(v, shell)]),
    ) as T;
  }
  return value;
}

export function loadCompose(file: string, shell: Env = {}): ComposeFile {
  const raw = parse(readFileSync(file, 'utf8'), { merge: true }) as ComposeFile;
  return interpolateDeep(raw, shell);
}

function parseEnvFile(text: string): Env {
  const env: Env = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw new Error(`env file line is not KEY=VALUE: ${trimmed}`);
    let value = trimmed.slice(eq + 1);
    if (/^(['"]).*\1$/.test(value)) value = value.slice(1, -1);
    env[trimmed.slice(0, eq).trim()] = value;
  }
  return env;
}

/** The environment a service's container starts with. */
export function serviceEnvironment(
  file: string,
  compose: ComposeFile,
  service: string,
  shell: Env = {},
): Env {
  const spec = compose.services[service];
  if (!spec) throw new Error(`no service ${service} in ${file}`);
  const env: Env = {};
  const envFiles =
    spec.env_file === undefined
      ? []
      : Array.isArray(spec.env_file)
        ? spec.env_file
        : [spec.env_file];
  for (const entry of envFiles) {
    const { path, required = true } = typeof entry === 'string' ? { path: entry } : entry;
    const full = resolve(dirname(file), path);
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
    } catch (error) {
      if (required) throw new Error(`${service}: env_file ${path} cannot be read: ${error}`);
      continue;
    }
    Object.assign(env, parseEnvFile(text));
  }
  const environment = spec.environment ?? {};
  const pairs: [string, string | undefined][] = Array.isArray(environment)
    ? environment.map((item) => {
        const eq = item.indexOf('=');
        return eq < 0 ? [item, shell[item]] : [item.slice(0, eq), item.slice(eq + 1)];
      })
    : Object.entries(environment).map(([k, v]) => [k, v === null ? shell[k] : String(v)]);
  for (const [key, value] of pairs) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}
