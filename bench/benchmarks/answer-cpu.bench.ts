import { loadavg } from 'node:os';
import { type AnswerRequest, CoreAiHttpClient, postViaFetch } from '@cxgenie/contracts';
import { sampleAnswerRequest, serviceTokenHeaders } from '@cxgenie/testing';
import { type Benchmark, percentile, round } from '../benchmark';
import { PARCEL_QUESTIONS } from '../datasets/parcel-questions';
import { startCpuAccount } from '../process-cpu';
import { startParcelPipeline } from '../parcel-pipeline';

const ANSWERS = Number(process.env.BENCH_ANSWER_CPU_ANSWERS ?? 600);
const CONCURRENCY = Number(process.env.BENCH_ANSWER_CPU_CONCURRENCY ?? 60);
const WARM_UP = 60;
const TOKEN_DELAY_MS = 15;

/**
 * core-ai's CPU per streamed answer, alone: the answers `widget-load` asks for (the same bot and
 * questions, local model at 15 ms a token), sent straight to core-ai `CONCURRENCY` at a time and
 * read as the gateway reads them. On a machine shared with other work, CPU per answer of one
 * process varies far less than the whole pipeline's latency, so a change to core-ai's answer path
 * shows here first. The gateway is only used to create the bot.
 */
export const answerCpu: Benchmark = {
  name: 'answer-cpu',
  description: `${ANSWERS} answers straight to core-ai, ${CONCURRENCY} at a time, local model at ${TOKEN_DELAY_MS} ms/token`,
  async run() {
    const { coreAi, gateway, owner, bot, stop } = await startParcelPipeline(
      'answer-cpu bench',
      TOKEN_DELAY_MS,
    );
    try {
      // The gateway only created the bot: its work must not count in core-ai's machine share.
      await gateway.kill('SIGTERM');

      const client = new CoreAiHttpClient({
        baseUrl: coreAi.url,
        post: postViaFetch((url, { timeoutMs, ...init }) =>
          fetch(url, {
            ...init,
            headers: { ...init.headers, ...serviceTokenHeaders() },
            signal: AbortSignal.timeout(timeoutMs),
          }),
        ),
      });
      const sample = sampleAnswerRequest();
      const ask = (i: number): AnswerRequest =>
        sampleAnswerRequest({
          workspaceId: owner.session!.workspaceId,
          botId: bot.id,
          question: PARCEL_QUESTIONS[i % PARCEL_QUESTIONS.length]!,
          history: [
            { role: 'customer', text: PARCEL_QUESTIONS[(i + 1) % PARCEL_QUESTIONS.length]! },
          ],
          // The bot's own settings, as widget-load's bot has them.
          bot: { ...sample.bot, knowledge: {}, smallTalk: {} },
        });
      let lines = 0;
      const firstMs: number[] = [];
      const answer = async (i: number) => {
        const started = performance.now();
        let first = true;
        for await (const batch of client.streamAnswerBatches(ask(i))) {
          for (const event of batch) {
            lines += 1;
            if (first && event.type === 'delta') {
              first = false;
              firstMs.push(performance.now() - started);
            }
          }
        }
      };
      const run = async (total: number) => {
        let next = 0;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next < total) await answer(next++);
          }),
        );
      };

      await run(WARM_UP);
      lines = 0;
      firstMs.length = 0;
      const load = loadavg()[0]!;
      const cpu = startCpuAccount({ pids: { coreAi: coreAi.process.pid! }, commands: [] });
      const started = performance.now();
      await run(ANSWERS);
      const seconds = (performance.now() - started) / 1000;
      const used = cpu.stop();
      firstMs.sort((a, b) => a - b);
      return {
        answers: ANSWERS,
        answers_per_s: round(ANSWERS / seconds, 1),
        core_ai_cpu_ms_per_answer: round((used.coreAi! * 1000) / ANSWERS, 2),
        reader_cpu_ms_per_answer: round((used.bench! * 1000) / ANSWERS, 2),
        lines_per_answer: round(lines / ANSWERS, 1),
        first_delta_p50_ms: round(percentile(firstMs, 50)),
        first_delta_p99_ms: round(percentile(firstMs, 99)),
        load_avg_1m_start: round(load),
        load_avg_1m_end: round(loadavg()[0]!),
      };
    } finally {
      await stop();
    }
  },
};
