import { ConnectionError, DatabaseError, TimeoutError } from 'sequelize';

/*
 * SQLSTATE classes that mean "this statement, with these values, will never succeed": data
 * exceptions (22: bad encoding, value too long, invalid JSON), integrity violations (23), and
 * program limits (54: an index row too large). Retrying such a write only blocks what follows.
 */
const PERMANENT_CLASSES = new Set(['22', '23', '54']);
const SQLSTATE = /^[0-9A-Z]{5}$/;

/**
 * Whether PostgreSQL refused the values themselves, as opposed to being unreachable, busy or
 * timing out (which a retry can fix). Errors come wrapped by Sequelize (`parent`) or straight
 * from `pg` (prepared statements), with the SQLSTATE as `code`.
 */
export function isDataError(error: unknown): boolean {
  if (error instanceof ConnectionError || error instanceof TimeoutError) return false;
  const source = error instanceof DatabaseError ? error.parent : error;
  const code = (source as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' && SQLSTATE.test(code) && PERMANENT_CLASSES.has(code.slice(0, 2));
}
