import type { Sequelize } from 'sequelize';

/** Counts the SQL statements a connection sends while `work` runs (the N+1 detector). */
export async function countQueries<T>(
  sequelize: Sequelize,
  work: () => Promise<T>,
): Promise<{ result: T; queries: string[] }> {
  const queries: string[] = [];
  // Sequelize reads options.logging at query time; its typings just do not expose the field.
  const options = (sequelize as unknown as { options: { logging?: unknown } }).options;
  const previous = options.logging;
  options.logging = (sql: string) => queries.push(sql);
  try {
    return { result: await work(), queries };
  } finally {
    options.logging = previous;
  }
}
