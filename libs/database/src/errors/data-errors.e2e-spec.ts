import { Sequelize } from 'sequelize';
import { TEST_DATABASE_URL } from '@cxgenie/testing';
import { preparedStatement, runPrepared } from '../prepared-statement';
import { isDataError } from './data-errors';

describe('isDataError, against a real PostgreSQL', () => {
  let sequelize: Sequelize;

  beforeAll(() => {
    sequelize = new Sequelize(TEST_DATABASE_URL, { logging: false });
  });
  afterAll(() => sequelize.close());

  // Through node-postgres directly, as the hot path's prepared statements run.
  const viaPg = (text: string, values: unknown[] = []) =>
    runPrepared(
      sequelize,
      preparedStatement(`data_errors_${text.length}_${values.length}`, text),
      values,
    );

  const failureOf = (work: () => Promise<unknown>) =>
    work().then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => error,
    );

  // A NUL escaped in JSON: what a platform payload carries, and what jsonb refuses (22P05).
  const nulJson = JSON.stringify('a\u0000b');

  it('is true for values PostgreSQL refuses, through Sequelize and through pg', async () => {
    const viaSequelize = await failureOf(() =>
      sequelize.query('SELECT $1::jsonb', { bind: [nulJson] }),
    );
    expect(isDataError(viaSequelize)).toBe(true);
    expect(isDataError(await failureOf(() => viaPg('SELECT $1::jsonb', [nulJson])))).toBe(true);
    expect(isDataError(await failureOf(() => viaPg("SELECT '{'::jsonb")))).toBe(true);
    expect(isDataError(await failureOf(() => viaPg('SELECT 1/0')))).toBe(true);
  });

  it('is false for an unreachable database, a syntax error and anything else', async () => {
    const nowhere = new Sequelize('postgres://nobody:x@127.0.0.1:1/none', {
      logging: false,
      retry: { max: 0 },
    });
    expect(isDataError(await failureOf(() => nowhere.authenticate()))).toBe(false);
    await nowhere.close();
    expect(isDataError(await failureOf(() => viaPg('SELEC 1')))).toBe(false);
    expect(isDataError(new Error('boom'))).toBe(false);
    expect(isDataError(null)).toBe(false);
  });
});
