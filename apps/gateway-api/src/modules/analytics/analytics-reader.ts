import { Inject, Injectable } from '@nestjs/common';
import type { ClickHouseClient } from '@clickhouse/client';
import { CLICKHOUSE_CLIENT } from '@cxgenie/clickhouse';
import { AnalyticsSchema } from '../../core-modules/analytics/analytics-schema';

type Params = Record<string, string | number | string[]>;

/**
 * The reports' one way into ClickHouse (never PostgreSQL): parameterised queries only, after the
 * schema is current. Counts come back as JSON numbers from chdb and as strings from a server;
 * `rows` gives numbers either way for the columns named in `numeric`.
 */
@Injectable()
export class AnalyticsReader {
  constructor(
    @Inject(CLICKHOUSE_CLIENT) private readonly clickhouse: ClickHouseClient,
    private readonly schema: AnalyticsSchema,
  ) {}

  async rows<T extends Record<string, unknown>>(
    query: string,
    params: Params,
    numeric: readonly (keyof T & string)[] = [],
  ): Promise<T[]> {
    await this.schema.ready();
    const result = await this.clickhouse.query({
      query,
      query_params: params,
      format: 'JSONEachRow',
    });
    const rows = (await result.json()) as T[];
    for (const row of rows) {
      for (const column of numeric)
        (row as Record<string, unknown>)[column] = Number(row[column] ?? 0);
    }
    return rows;
  }
}

/** `a / b`, or null when there is nothing to divide by (a rate of nothing is not 0 %). */
export const ratio = (a: number, b: number, digits = 4): number | null =>
  b > 0 ? Math.round((a / b) * 10 ** digits) / 10 ** digits : null;

export const rounded = (n: number, digits = 2): number =>
  Math.round(n * 10 ** digits) / 10 ** digits;
