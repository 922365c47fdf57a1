import { QueryTypes } from 'sequelize';
import { bootService } from '@cxgenie/testing';
import { gatewayApiService } from '../../apps/gateway-api/src/gateway-api.service';
import { encodeConversationCursor } from '../../apps/gateway-api/src/modules/conversations/conversation-cursor';
import { type Benchmark, percentile, round } from '../benchmark';
import { openBenchDatabase } from '../datasets/bench-database';
import { DATASET_OWNER, ensureConversationDataset } from '../datasets/conversation-dataset';

const REQUESTS = 300;
const DEEP_OFFSET = 50_000;
const PAGE_SIZE = 25;

async function timeRequests(url: string, token: string): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    const body = (await res.json()) as { items: unknown[] };
    if (res.status !== 200 || body.items.length !== PAGE_SIZE)
      throw new Error(`unexpected answer ${res.status}`);
    latencies.push(performance.now() - t0);
  }
  return latencies.sort((a, b) => a - b);
}

/** GET /api/v1/conversations over HTTP against 100k conversations and 1M messages in one workspace. */
export const conversationList: Benchmark = {
  name: 'conversation-list',
  description: `inbox first page and a page ${DEEP_OFFSET} deep, ${REQUESTS} sequential requests each, page size ${PAGE_SIZE}`,
  async run() {
    const db = await openBenchDatabase();
    const dataset = await ensureConversationDataset(db.sequelize, (line) =>
      console.log(`  ${line}`),
    );
    const [deep] = await db.sequelize.query<{ at: string; id: string }>(
      `SELECT to_char(last_message_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') AS at, id FROM conversations
        WHERE workspace_id = :workspaceId ORDER BY last_message_at DESC, id DESC OFFSET :offset LIMIT 1`,
      {
        replacements: { workspaceId: dataset.workspaceId, offset: DEEP_OFFSET },
        type: QueryTypes.SELECT,
      },
    );
    await db.sequelize.close();

    const gateway = await bootService(gatewayApiService, {
      DATABASE_URL: db.url,
      LOG_LEVEL: 'warn',
    });
    try {
      const login = await fetch(`${gateway.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(DATASET_OWNER),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const base = `${gateway.url}/api/v1/conversations?limit=${PAGE_SIZE}`;
      await timeRequests(base, accessToken); // warm caches and JIT
      const first = await timeRequests(base, accessToken);
      const deepPage = await timeRequests(
        `${base}&cursor=${encodeConversationCursor(deep)}`,
        accessToken,
      );
      return {
        conversations: dataset.conversations,
        messages: dataset.messages,
        p50_ms_first_page: round(percentile(first, 50)),
        p95_ms_first_page: round(percentile(first, 95)),
        p50_ms_deep_page: round(percentile(deepPage, 50)),
        p95_ms_deep_page: round(percentile(deepPage, 95)),
      };
    } finally {
      await gateway.close();
    }
  },
};
