/*
 * One client process of the widget-load benchmark: a share of its visitors, each a real widget
 * session (public key → session token → `/customer` Socket.IO namespace) asking its questions one
 * after the other. Started by widget-load.bench.ts with an IPC channel; it reports what each visitor
 * saw, and how late its own event loop ran, so a saturated client cannot pass for a slow server.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type Socket, io } from 'socket.io-client';
import {
  ClientEvents,
  type MessageChunkPayload,
  type MessageDiscardedPayload,
  type MessagePayload,
  ServerEvents,
  SocketNamespaces,
} from '@cxgenie/contracts';

export interface VisitorsPlan {
  gatewayUrl: string;
  botKey: string;
  /** One address per visitor, sent as X-Forwarded-For (the gateway trusts loopback proxies). */
  addresses: string[];
  questions: string[];
  thinkMinMs: number;
  thinkMaxMs: number;
  /** The first question of each visitor is sent at a random moment within this. */
  startSpreadMs: number;
  answerTimeoutMs: number;
}

export interface VisitorsReport {
  /** Send → first chunk (or the completed answer when it came whole), per answered question. */
  ttfpMs: number[];
  /** Send → message.completed, per answered question. */
  answerMs: number[];
  asked: number;
  answered: number;
  lost: number;
  refused: number;
  duplicateAnswers: number;
  orderViolations: number;
  /** Epoch ms of the first send and the last completed answer. */
  firstSendAt: number;
  lastAnswerAt: number;
  loopLagP99Ms: number;
  loopLagMaxMs: number;
  cpuMs: number;
  errors: string[];
}

export type ParentMessage = { type: 'plan'; plan: VisitorsPlan } | { type: 'go' };
export type ChildMessage =
  | { type: 'ready' }
  | { type: 'report'; report: VisitorsReport }
  | { type: 'failed'; error: string };

type SendAck = { ok: true; message: MessagePayload } | { ok: false; error: { code: string } };

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
const between = (min: number, max: number) => min + Math.random() * (max - min);

/** What one answer's stream looked like on the wire, checked as it arrives. */
interface Stream {
  nextChunk: number;
  text: string;
  completed: boolean;
}

class Visitor {
  socket!: Socket;
  private readonly streams = new Map<string, Stream>();
  /** Ids of messages seen (created or completed), and the highest seq among them. */
  private readonly seen = new Set<string>();
  private maxSeq = -1;
  /** The question in flight; its id is unknown until the ack (or its answer) arrives. */
  private waiting: {
    questionId: string | null;
    sentAt: number;
    firstAt: number | null;
    done: (answer: MessagePayload) => void;
  } | null = null;
  /** Question ids in the order they were asked; answers must follow it. */
  private readonly asked: string[] = [];
  private answeredUpTo = -1;
  private readonly answeredQuestions = new Set<string>();

  constructor(
    private readonly report: VisitorsReport,
    private readonly address: string,
  ) {}

  async connect(plan: VisitorsPlan): Promise<void> {
    const res = await fetch(`${plan.gatewayUrl}/api/v1/widget/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': this.address },
      body: JSON.stringify({ botKey: plan.botKey }),
    });
    if (res.status !== 201) throw new Error(`session refused: ${res.status} ${await res.text()}`);
    const { sessionToken } = (await res.json()) as { sessionToken: string };
    this.socket = io(`${plan.gatewayUrl}${SocketNamespaces.Customer}`, {
      auth: { token: sessionToken },
      transports: ['websocket'],
      extraHeaders: { 'x-forwarded-for': this.address },
      // A dropped connection would need a replay to stay correct: measured as such, not hidden.
      reconnection: false,
    });
    this.socket.on(ServerEvents.MessageChunk, (c: MessageChunkPayload) => this.onChunk(c));
    this.socket.on(ServerEvents.MessageCreated, (m: MessagePayload) => this.onMessage(m));
    this.socket.on(ServerEvents.MessageCompleted, (m: MessagePayload) => this.onMessage(m));
    this.socket.on(ServerEvents.MessageDiscarded, (d: MessageDiscardedPayload) =>
      this.streams.delete(d.messageId),
    );
    this.socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') this.report.errors.push(`disconnected: ${reason}`);
    });
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  private onChunk(chunk: MessageChunkPayload): void {
    const now = Date.now();
    const stream = this.streams.get(chunk.messageId) ?? {
      nextChunk: 0,
      text: '',
      completed: false,
    };
    this.streams.set(chunk.messageId, stream);
    // Each chunk exactly once, in index order, and none after the answer completed.
    if (stream.completed || chunk.chunkIndex !== stream.nextChunk) this.report.orderViolations += 1;
    stream.nextChunk = Math.max(stream.nextChunk, chunk.chunkIndex + 1);
    stream.text += chunk.text;
    if (this.isCurrent(chunk.replyToMessageId)) this.waiting!.firstAt ??= now;
  }

  private isCurrent(questionId: string): boolean {
    if (!this.waiting || this.answeredQuestions.has(questionId)) return false;
    return (this.waiting.questionId ?? questionId) === questionId;
  }

  private onMessage(message: MessagePayload): void {
    const now = Date.now();
    if (!this.seen.has(message.id)) {
      this.seen.add(message.id);
      // Messages of one conversation reach the visitor in sequence order.
      if (message.seq <= this.maxSeq) this.report.orderViolations += 1;
      this.maxSeq = Math.max(this.maxSeq, message.seq);
    }
    if (message.senderType !== 'bot') return;
    const question = message.replyToMessageId;
    if (!question) return;
    const stream = this.streams.get(message.id);
    if (stream) {
      // The chunks, in order, are the answer.
      if (stream.text !== message.text) this.report.orderViolations += 1;
      stream.completed = true;
    }
    const current = this.isCurrent(question);
    if (this.answeredQuestions.has(question)) {
      this.report.duplicateAnswers += 1;
      return;
    }
    this.answeredQuestions.add(question);
    // The answer to the question in flight, before its ack: the question is known from now on.
    if (current && this.waiting!.questionId === null) {
      this.waiting!.questionId = question;
      this.asked.push(question);
    }
    // Answers come in the order the questions were asked.
    const index = this.asked.indexOf(question);
    if (index !== this.answeredUpTo + 1) this.report.orderViolations += 1;
    this.answeredUpTo = Math.max(this.answeredUpTo, index);
    if (current) {
      const waiting = this.waiting!;
      this.waiting = null;
      this.report.ttfpMs.push((waiting.firstAt ?? now) - waiting.sentAt);
      this.report.answerMs.push(now - waiting.sentAt);
      this.report.lastAnswerAt = Math.max(this.report.lastAnswerAt, now);
      waiting.done(message);
    }
  }

  async converse(plan: VisitorsPlan): Promise<void> {
    await sleep(Math.random() * plan.startSpreadMs);
    for (let i = 0; i < plan.questions.length; i++) {
      if (i > 0) await sleep(between(plan.thinkMinMs, plan.thinkMaxMs));
      const sentAt = Date.now();
      this.report.firstSendAt = Math.min(this.report.firstSendAt, sentAt);
      this.report.asked += 1;
      let answered!: (answer: MessagePayload) => void;
      const answer = new Promise<MessagePayload>((done) => (answered = done));
      this.waiting = { questionId: null, sentAt, firstAt: null, done: answered };
      let ack: SendAck;
      try {
        ack = (await this.socket
          .timeout(plan.answerTimeoutMs)
          .emitWithAck(ClientEvents.SendMessage, { text: plan.questions[i] })) as SendAck;
      } catch {
        ack = { ok: false, error: { code: 'ack_timeout' } };
      }
      if (!ack.ok) {
        this.waiting = null;
        this.report.refused += 1;
        this.report.errors.push(`refused: ${ack.error.code}`);
        continue;
      }
      const questionId = ack.message.id;
      if (!this.asked.includes(questionId)) this.asked.push(questionId);
      if (this.waiting) this.waiting.questionId = questionId;
      const timeout = sleep(Math.max(0, sentAt + plan.answerTimeoutMs - Date.now())).then(
        () => null,
      );
      if ((await Promise.race([answer, timeout])) === null) {
        this.waiting = null;
        this.report.lost += 1;
      } else {
        this.report.answered += 1;
      }
    }
  }
}

async function main(): Promise<void> {
  const plan = await new Promise<VisitorsPlan>((resolve) =>
    process.once('message', (m: ParentMessage) => m.type === 'plan' && resolve(m.plan)),
  );
  const lag = monitorEventLoopDelay({ resolution: 10 });
  const report: VisitorsReport = {
    ttfpMs: [],
    answerMs: [],
    asked: 0,
    answered: 0,
    lost: 0,
    refused: 0,
    duplicateAnswers: 0,
    orderViolations: 0,
    firstSendAt: Number.POSITIVE_INFINITY,
    lastAnswerAt: 0,
    loopLagP99Ms: 0,
    loopLagMaxMs: 0,
    cpuMs: 0,
    errors: [],
  };
  const visitors = plan.addresses.map((address) => new Visitor(report, address));
  // Sessions and sockets a few at a time: a connection storm is not what is measured.
  for (let i = 0; i < visitors.length; i += 20)
    await Promise.all(visitors.slice(i, i + 20).map((v) => v.connect(plan)));
  const go = new Promise<void>((resolve) =>
    process.on('message', (m: ParentMessage) => m.type === 'go' && resolve()),
  );
  process.send!({ type: 'ready' } satisfies ChildMessage);
  await go;
  const cpuBefore = process.cpuUsage();
  lag.enable();
  await Promise.all(visitors.map((v) => v.converse(plan)));
  lag.disable();
  const cpu = process.cpuUsage(cpuBefore);
  report.cpuMs = (cpu.user + cpu.system) / 1000;
  report.loopLagP99Ms = lag.percentile(99) / 1e6;
  report.loopLagMaxMs = lag.max / 1e6;
  for (const v of visitors) v.socket.close();
  report.errors = report.errors.slice(0, 20);
  process.send!({ type: 'report', report } satisfies ChildMessage, () => process.exit(0));
}

main().catch((error: unknown) => {
  process.send?.({ type: 'failed', error: String((error as Error).stack ?? error) }, () =>
    process.exit(1),
  );
});
