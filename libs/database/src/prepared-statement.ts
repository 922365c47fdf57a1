import type { Sequelize } from 'sequelize';

/**
 * A statement PostgreSQL parses and plans once per connection and then only executes. For the
 * few statements every customer message runs (intake, the pipeline's backlog and its fenced
 * reply), planning is a large share of their cost; Sequelize only sends unnamed statements.
 */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/** `text` uses $1, $2…; give each parameter a cast where PostgreSQL cannot infer its type. */
export const preparedStatement = (name: string, text: string): PreparedStatement => ({
  name: `cxg_${name}`,
  text,
});

interface PgConnection {
  query<R>(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
}

/** The error PostgreSQL answered with, as node-postgres reports it. */
export interface PostgresError extends Error {
  code?: string;
  constraint?: string;
}

export const isUniqueViolation = (error: unknown, constraint?: string): boolean => {
  const pgError = error as PostgresError | null;
  return (
    pgError?.code === '23505' && (constraint === undefined || pgError.constraint === constraint)
  );
};

/**
 * Runs a prepared statement on a connection of the Sequelize pool (so the pool's limits and the
 * tenant's database still apply). Values go as parameters, never into the text.
 */
export async function runPrepared<R>(
  sequelize: Sequelize,
  statement: PreparedStatement,
  values: unknown[],
): Promise<R[]> {
  // Told to Sequelize's logging hook like its own queries, so a query count (countQueries) sees
  // the hot path's statements too. Off (false) in the services.
  const log = (sequelize as unknown as { options: { logging?: unknown } }).options.logging;
  if (typeof log === 'function') (log as (sql: string) => void)(`EXECUTE ${statement.name}`);
  const connections = sequelize.connectionManager;
  const connection = await connections.getConnection({ type: 'write' });
  try {
    const { rows } = await (connection as unknown as PgConnection).query<R>({
      name: statement.name,
      text: statement.text,
      values,
    });
    return rows;
  } finally {
    connections.releaseConnection(connection);
  }
}
