import { Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';
import type { Migration, MigrationContext } from './migrations/migration';
import { MIGRATIONS } from './migrations';

// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK_KEY = 727_001;

export interface MigrationRun {
  applied: string[];
  pending: string[];
}

/**
 * Runs migrations on a single dedicated connection holding a PostgreSQL advisory lock, so two
 * processes starting at once (npm start, a test run, a rolling deploy) never migrate concurrently.
 */
export class Migrator {
  private readonly sequelize: Sequelize;
  private readonly umzug: Umzug<MigrationContext>;

  constructor(databaseUrl: string, migrations: readonly Migration[] = MIGRATIONS) {
    this.sequelize = new Sequelize(databaseUrl, { logging: false, pool: { max: 1, min: 0 } });
    const context: MigrationContext = {
      queryInterface: this.sequelize.getQueryInterface(),
      sequelize: this.sequelize,
    };
    this.umzug = new Umzug({
      migrations: migrations.map((m) => ({
        name: m.name,
        up: () => m.up(context),
        down: () => m.down(context),
      })),
      context,
      storage: new SequelizeStorage({ sequelize: this.sequelize, tableName: 'schema_migrations' }),
      logger: undefined,
    });
  }

  up(): Promise<string[]> {
    return this.locked(async () => (await this.umzug.up()).map((m) => m.name));
  }

  /** Reverts the last migration, or every migration after `to` (`0` reverts them all). */
  down(to?: string | 0): Promise<string[]> {
    return this.locked(async () =>
      (await this.umzug.down(to === undefined ? undefined : { to })).map((m) => m.name),
    );
  }

  async status(): Promise<MigrationRun> {
    const [applied, pending] = await Promise.all([this.umzug.executed(), this.umzug.pending()]);
    return { applied: applied.map((m) => m.name), pending: pending.map((m) => m.name) };
  }

  close(): Promise<void> {
    return this.sequelize.close();
  }

  private async locked<T>(work: () => Promise<T>): Promise<T> {
    await this.sequelize.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      return await work();
    } finally {
      await this.sequelize.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  }
}
