import { QueryTypes } from 'sequelize';
import { serviceUrlEnvVar } from '@cxgenie/contracts';
import { spawnService, testEnv } from '@cxgenie/testing';
import { ApiClient } from '../../apps/gateway-api/src/testing/api-client';
import { startAnswerStub } from '../stubs/answer-stub.server';
import { type Benchmark, percentile, round } from '../benchmark';
import { type BaselineRecord, runSetnxBackoffBaseline } from '../baselines/setnx-backoff';
import { openBenchDatabase } from '../datasets/bench-database';

const CONVERSATIONS = Number(process.env.BENCH_ORDERING_CONVERSATIONS ?? 50);
const MESSAGES = 20;
const BASELINE_CONVERSATIONS = 10;
const BASELINE_MESSAGES = 5;

interface ReplyRow {
  conversation_id: string;
  reply_seq: number;
  question_seq: number;
  question_at: Date;
  reply_at: Date;
  waited_ms: number | null;
  first_in_conversation: boolean;
}

const countViolations = (seqsInProcessingOrder: number[]): number =>
  seqsInProcessingOrder.reduce(
    (n, seq, i) => n + (i > 0 && seq < seqsInProcessingOrder[i - 1] ? 1 : 0),
    0,
  );

function baselineWaits(records: BaselineRecord[]): { waits: number[]; violations: number } {
  const waits: number[] = [];
  let violations = 0;
  const byConversation = new Map<number, BaselineRecord[]>();
  for (const r of records)
    byConversation.set(r.conversation, [...(byConversation.get(r.conversation) ?? []), r]);
  for (const list of byConversation.values()) {
    list.sort((a, b) => a.startedAt - b.startedAt);
    violations += countViolations(list.map((r) => r.seq));
    list.forEach((r, i) => {
      if (i > 0) waits.push(r.startedAt - Math.max(r.enqueuedAt, list[i - 1].finishedAt));
    });
  }
  return { waits: waits.sort((a, b) => a - b), violations };
}

/** N conversations × M messages through the real queue, lock and database, with a zero-latency answer. */
export const ordering: Benchmark = {
  name: 'ordering',
  description: `${CONVERSATIONS} conversations × ${MESSAGES} messages through conversation.inbound; baseline SETNX + backoff on ${BASELINE_CONVERSATIONS} × ${BASELINE_MESSAGES}`,
  async run() {
    const db = await openBenchDatabase();
    const env = { DATABASE_URL: db.url, LOG_LEVEL: 'warn' };
    // The gateway runs in its own process, as deployed; core-ai is a zero-latency stub speaking its
    // protocol, so retrieval and the answer provider do not count against the pipeline.
    const coreAi = await startAnswerStub();
    const gateway = await spawnService('gateway-api', {
      ...env,
      [serviceUrlEnvVar('core-ai')]: coreAi.url,
    });
    try {
      const owner = await ApiClient.signUp(gateway.url);
      const workspaceId = owner.session!.workspaceId;
      const bot = (
        await owner.post<{ id: string; publicKey: string }>('/api/v1/bots', {
          name: 'ordering bench',
        })
      ).body;
      const visitors = await Promise.all(
        Array.from({ length: CONVERSATIONS }, async () => {
          const session = await new ApiClient(gateway.url).post<{ sessionToken: string }>(
            '/api/v1/widget/sessions',
            { botKey: bot.publicKey },
          );
          return new ApiClient(gateway.url).withBearer(session.body.sessionToken);
        }),
      );
      const started = Date.now();
      // Every conversation's messages back to back, all conversations at once.
      await Promise.all(
        visitors.map(async (visitor) => {
          for (let i = 1; i <= MESSAGES; i++) {
            const res = await visitor.post('/api/v1/widget/messages', { text: `message ${i}` });
            if (res.status !== 202) throw new Error(`message refused: ${res.status}`);
          }
        }),
      );
      const total = CONVERSATIONS * MESSAGES;
      for (;;) {
        const [row] = await db.sequelize.query<{ n: string }>(
          "SELECT count(*) AS n FROM messages WHERE workspace_id = :w AND sender_type = 'bot'",
          { replacements: { w: workspaceId }, type: QueryTypes.SELECT },
        );
        if (Number(row.n) >= total) break;
        if (Date.now() - started > 300_000)
          throw new Error(`only ${row.n} of ${total} answered in 5 minutes`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const rows = await db.sequelize.query<ReplyRow>(
        `SELECT r.conversation_id, r.seq AS reply_seq, q.seq AS question_seq, q.created_at AS question_at, r.created_at AS reply_at,
                (r.metadata->>'waitedMs')::float8 AS waited_ms,
                q.seq = min(q.seq) OVER (PARTITION BY q.conversation_id) AS first_in_conversation
           FROM messages r JOIN messages q ON q.id = r.reply_to_message_id
          WHERE r.workspace_id = :w AND r.sender_type = 'bot'
          ORDER BY r.conversation_id, r.seq`,
        { replacements: { w: workspaceId }, type: QueryTypes.SELECT },
      );
      const firstAt = Math.min(...rows.map((r) => new Date(r.question_at).getTime()));
      const lastAt = Math.max(...rows.map((r) => new Date(r.reply_at).getTime()));
      const e2e = rows
        .map((r) => new Date(r.reply_at).getTime() - new Date(r.question_at).getTime())
        .sort((a, b) => a - b);
      const waits = rows
        .filter((r) => !r.first_in_conversation)
        .map((r) => Number(r.waited_ms))
        .sort((a, b) => a - b);
      const byConversation = new Map<string, number[]>();
      for (const r of rows)
        byConversation.set(r.conversation_id, [
          ...(byConversation.get(r.conversation_id) ?? []),
          r.question_seq,
        ]);
      const violations = [...byConversation.values()].reduce(
        (n, seqs) => n + countViolations(seqs),
        0,
      );

      const baseline = baselineWaits(
        await runSetnxBackoffBaseline({
          redisUrl: testEnv().REDIS_URL,
          coreAiUrl: coreAi.url,
          conversations: BASELINE_CONVERSATIONS,
          messagesPerConversation: BASELINE_MESSAGES,
          request: {
            workspaceId,
            botId: bot.id,
            conversationId: bot.id,
            messageId: bot.id,
            history: [],
            bot: {
              llmProvider: 'local',
              llmModel: 'canned',
              systemPrompt: '',
              temperature: 0,
              language: 'en',
              typeReplyUnknown: 'AI_GENERATE',
              fallbackMessage: '',
              knowledge: {},
            },
          },
        }),
      );
      const ours = percentile(waits, 99);
      const theirs = percentile(baseline.waits, 99);
      return {
        messages: total,
        messages_per_s: round(total / ((lastAt - firstAt) / 1000), 1),
        order_violations: violations,
        e2e_p50_ms: round(percentile(e2e, 50)),
        e2e_p99_ms: round(percentile(e2e, 99)),
        wait_after_predecessor_p50_ms: round(percentile(waits, 50)),
        wait_after_predecessor_p99_ms: round(ours),
        baseline_order_violations: baseline.violations,
        baseline_wait_after_predecessor_p99_ms: round(theirs),
        wait_ratio_baseline_over_ours: round(theirs / Math.max(ours, 0.01), 1),
      };
    } finally {
      await db.sequelize.close();
      await gateway.kill('SIGTERM');
      await coreAi.close();
    }
  },
};
