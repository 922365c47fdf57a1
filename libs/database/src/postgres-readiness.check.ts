import type { Sequelize } from 'sequelize-typescript';

export async function checkPostgres(sequelize: Sequelize): Promise<void> {
  await sequelize.query('SELECT 1', { raw: true });
}
