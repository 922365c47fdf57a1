import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { QueryTypes, Sequelize } from 'sequelize';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..');

const freePort = (): Promise<number> =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });

/**
 * `npm run db:backup` / `db:restore` on a throwaway cluster of their own (initdb by infra.sh in a
 * directory of this test, on a free port): write, back up, write more, note the time, write
 * again, then restore to that time into a new data directory and find exactly the rows written
 * before it.
 */
describe('db:backup and db:restore: point-in-time restore into a new data directory', () => {
  const dataDir = resolve(ROOT, '.data', 'test', `pitr-${process.pid}`);
  const restoredDir = resolve(dataDir, 'restored');
  let env: NodeJS.ProcessEnv;
  let port: number;
  let restoredPort: number;

  const script = (name: string, args: string[] = []) =>
    run('bash', [resolve(ROOT, 'scripts', name), ...args], { cwd: ROOT, env, timeout: 180_000 });

  const connect = (p: number) => {
    const db = new Sequelize(`postgres://cxgenie:cxgenie@127.0.0.1:${p}/cxgenie`, {
      logging: false,
    });
    return {
      query: <T extends object>(sql: string) => db.query<T>(sql, { type: QueryTypes.SELECT }),
      exec: (sql: string) => db.query(sql),
      end: () => db.close(),
    };
  };

  beforeAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    [port, restoredPort] = [await freePort(), await freePort()];
    env = {
      ...process.env,
      DATA_DIR: dataDir,
      PG_PORT: String(port),
      PG_FAST: '0',
      INFRA_SERVICES: 'postgres',
    };
    await script('infra.sh', ['up']);
  }, 180_000);

  afterAll(async () => {
    if (existsSync(resolve(restoredDir, 'postmaster.pid'))) {
      await script('db-restore.sh', ['--stop', '--target-dir', restoredDir]).catch(() => undefined);
    }
    await script('infra.sh', ['down']).catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
  }, 120_000);

  it('restores exactly the rows committed before the target time', async () => {
    let target: string;
    const db = connect(port);
    try {
      await db.exec('CREATE TABLE pitr_rows (id int PRIMARY KEY, phase text NOT NULL)');
      await db.query(
        `INSERT INTO pitr_rows SELECT g, 'before backup' FROM generate_series(1, 3) g`,
      );

      const backup = await script('db-backup.sh');
      expect(backup.stdout).toMatch(/db:backup: done/);

      await db.exec(`INSERT INTO pitr_rows SELECT g, 'after backup' FROM generate_series(4, 6) g`);
      const [{ at }] = await db.query<{ at: string }>(
        `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00' AS at`,
      );
      target = at;
      await new Promise((r) => setTimeout(r, 1_100));
      await db.exec(`INSERT INTO pitr_rows SELECT g, 'too late' FROM generate_series(7, 9) g`);
      await db.exec(`UPDATE pitr_rows SET phase = 'changed too late' WHERE id = 1`);
    } finally {
      await db.end();
    }

    const restore = await script('db-restore.sh', [
      '--time',
      target,
      '--target-dir',
      restoredDir,
      '--port',
      String(restoredPort),
      '--start',
    ]);
    expect(restore.stdout).toMatch(/db:restore: ready/);

    const restored = connect(restoredPort);
    try {
      const rows = await restored.query('SELECT id, phase FROM pitr_rows ORDER BY id');
      expect(rows).toEqual([
        { id: 1, phase: 'before backup' },
        { id: 2, phase: 'before backup' },
        { id: 3, phase: 'before backup' },
        { id: 4, phase: 'after backup' },
        { id: 5, phase: 'after backup' },
        { id: 6, phase: 'after backup' },
      ]);
      // Promoted: the copy takes writes of its own.
      await restored.exec(`INSERT INTO pitr_rows VALUES (100, 'written to the copy')`);
    } finally {
      await restored.end();
    }

    // The original is untouched and still has everything.
    const original = connect(port);
    try {
      const [{ n }] = await original.query<{ n: string }>('SELECT count(*) AS n FROM pitr_rows');
      expect(Number(n)).toBe(9);
    } finally {
      await original.end();
    }
  }, 240_000);

  it('refuses a target time before any backup, and a directory that exists', async () => {
    await expect(
      script('db-restore.sh', [
        '--time',
        '2001-01-01 00:00:00+00',
        '--target-dir',
        `${restoredDir}-x`,
      ]),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('no base backup') });
    await expect(
      script('db-restore.sh', ['--time', '2999-01-01 00:00:00+00', '--target-dir', restoredDir]),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('exists') });
  });
});
