import type { Sequelize } from 'sequelize';

export async function checkPostgres(sequelize: Sequelize): Promise<void> {
  await sequelize.query('SELECT 1', { raw: true });
}
