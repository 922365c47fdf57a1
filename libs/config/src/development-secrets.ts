/**
 * Secrets that ship with the project for development: the config's own defaults, the values of
 * the compose dev profile (`deploy/compose/dev.env`), and the defaults earlier releases shipped.
 * They are public, so production refuses every one of them.
 */
export const DEVELOPMENT_SECRETS: readonly string[] = [
  // libs/config defaults
  'cxgenie-development-jwt-secret-not-for-production',
  'cxgenie-development-encryption-key-not-for-production',
  'cxgenie-development-service-token-not-for-production',
  // deploy/compose/dev.env
  'cxgenie-compose-dev-jwt-secret-not-for-production',
  'cxgenie-compose-dev-encryption-key-not-for-production',
  'cxgenie-compose-dev-service-token-not-for-production',
  'cxgenie-compose-dev-minio-password',
  // earlier docker-compose.yml defaults
  'local-dev-jwt-secret-change-me',
  '0'.repeat(64),
  // well-known defaults of the servers the compose file runs
  'minioadmin',
  'root:Milvus',
];

/** Passwords of the development databases (`npm run infra:up`, compose): refused in URLs. */
export const DEVELOPMENT_PASSWORDS: readonly string[] = ['cxgenie'];

/**
 * A known development value, or one a placeholder produced: a single repeated character (all
 * zeros), or text that says it must be changed.
 */
export function isDevelopmentSecret(value: string): boolean {
  if (DEVELOPMENT_SECRETS.includes(value)) return true;
  if (/^(.)\1*$/.test(value)) return true;
  return /change[-_ ]?me|not[-_ ]for[-_ ]production/i.test(value);
}

/** The password of a URL (`postgres://user:pass@host`), if it is a development one. */
export function hasDevelopmentPassword(url: string): boolean {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return (
      password !== '' && (DEVELOPMENT_PASSWORDS.includes(password) || isDevelopmentSecret(password))
    );
  } catch {
    return false;
  }
}
