import type { Redis } from 'ioredis';
import {
  FLAG_DEFINITIONS,
  type FlagContext,
  type FlagDefinition,
  type FlagEvaluation,
  type FlagSource,
  type FlagValue,
  type FlagsChangedMessage,
  type FlagsHttpClient,
  flagContextKey,
  flagsKeys,
} from '@cxgenie/contracts';
import { EvaluationMemory } from './evaluation-memory';
import { FlagsClientStats } from './flags-client-stats';

export type SourcedEvaluation<T extends FlagValue> = FlagEvaluation<T> & { source: FlagSource };

export interface FlagsClientOptions {
  /** QUEUE_PREFIX: the flags service and its clients must share it. */
  prefix: string;
  /** Commands (cache reads); should fail fast while Redis is down, not queue. */
  redis: Redis;
  /** A connection of its own in subscriber mode. */
  subscriber: Redis;
  flagsService: Pick<FlagsHttpClient, 'evaluate' | 'evaluateAll'>;
  /**
   * How long an evaluation is kept in memory. Change messages drop it at once; this only bounds
   * the damage of a message lost some way the subscription did not notice.
   */
  memoryTtlMs?: number;
  /** After the flags service failed, how long to serve defaults before trying it again. */
  outageBackoffMs?: number;
  now?: () => number;
  warn?: (message: string) => void;
}

const unavailable = <T extends FlagValue>(
  flag: FlagDefinition<T>,
  errorKind: string,
): SourcedEvaluation<T> => ({
  flagKey: flag.key,
  value: flag.defaultValue,
  variationIndex: null,
  reason: { kind: 'ERROR', errorKind },
  source: 'default',
});

/**
 * How a service reads a flag: from its own memory, else the evaluation the flags service cached
 * in Redis, else the flags service itself, else the flag's coded default. The flags service
 * publishes every change on Redis; each client drops what it holds of the flag, so every
 * instance of every service sees a change as soon as the message arrives.
 *
 * Nothing a flag read does throws: a flags outage leaves the service on what it has cached
 * (nothing can change while the flags service is down) and on coded defaults for the rest.
 */
export class FlagsClient {
  readonly stats = new FlagsClientStats();
  private readonly memory: EvaluationMemory;
  private readonly keys: ReturnType<typeof flagsKeys>;
  private readonly inFlight = new Map<string, Promise<SourcedEvaluation<FlagValue>>>();
  private readonly listeners = new Set<(message: FlagsChangedMessage) => void>();
  private readonly now: () => number;
  private readonly outageBackoffMs: number;
  private serviceDownUntil = 0;
  /**
   * Reads answered with the coded default during an outage, until when: during the back-off the
   * same read costs neither a Redis round trip nor a call.
   */
  private readonly defaultsUntil = new Map<string, number>();
  private subscribed = false;
  private everSubscribed = false;
  private readonly warned = new Set<string>();
  private subscription: Promise<void> = Promise.resolve();

  constructor(private readonly options: FlagsClientOptions) {
    this.memory = new EvaluationMemory(options.memoryTtlMs ?? 30_000);
    this.keys = flagsKeys(options.prefix);
    this.now = options.now ?? Date.now;
    this.outageBackoffMs = options.outageBackoffMs ?? 1_000;
  }

  /** Subscribes to change messages. Does not wait for Redis: flags work without it. */
  start(): void {
    const { subscriber } = this.options;
    subscriber.on('message', (channel: string, raw: string) => {
      if (channel === this.keys.changes) this.onChangeMessage(raw);
    });
    subscriber.on('ready', () => {
      // ioredis subscribes again by itself after a reconnect; what was published in between is
      // lost, so nothing remembered from before can be trusted.
      if (!this.everSubscribed) return;
      this.memory.invalidateAll();
      this.subscribed = true;
    });
    subscriber.on('close', () => {
      this.subscribed = false;
    });
    this.subscription = subscriber.subscribe(this.keys.changes).then(
      () => {
        this.subscribed = true;
        this.everSubscribed = true;
      },
      (error: unknown) =>
        this.warnOnce('subscribe', `flags: cannot subscribe to changes: ${String(error)}`),
    );
  }

  /** Resolves once change messages are being received (or subscribing failed). */
  whenSubscribed(): Promise<void> {
    return this.subscription;
  }

  async close(): Promise<void> {
    const { subscriber } = this.options;
    await subscriber.quit().catch(() => subscriber.disconnect());
  }

  /** Called after a change message was applied (the cache already dropped the flags). */
  onChange(listener: (message: FlagsChangedMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async get<T extends FlagValue>(flag: FlagDefinition<T>, context: FlagContext): Promise<T> {
    return (await this.evaluate(flag, context)).value;
  }

  evaluate<T extends FlagValue>(
    flag: FlagDefinition<T>,
    context: FlagContext,
  ): Promise<SourcedEvaluation<T>> {
    const contextKey = flagContextKey(context);
    // Memory only while subscribed: without change messages a remembered value may be stale.
    if (this.subscribed) {
      const cached = this.memory.get(flag.key, contextKey, this.now());
      if (cached !== undefined) {
        this.stats.record(flag.key, 'memory');
        return Promise.resolve({ ...(cached as FlagEvaluation<T>), source: 'memory' });
      }
    }
    const loadKey = `${flag.key}\n${contextKey}`;
    if (this.defaultsUntil.size > 0) {
      const until = this.defaultsUntil.get(loadKey);
      if (until !== undefined && until > this.now()) {
        this.stats.record(flag.key, 'default');
        return Promise.resolve(unavailable(flag, 'FLAGS_UNAVAILABLE'));
      }
      if (until !== undefined) this.defaultsUntil.delete(loadKey);
    }
    // Concurrent misses for one flag and context share a single load.
    let loading = this.inFlight.get(loadKey) as Promise<SourcedEvaluation<T>> | undefined;
    if (!loading) {
      loading = this.load(flag, context, contextKey).finally(() => this.inFlight.delete(loadKey));
      this.inFlight.set(loadKey, loading as Promise<SourcedEvaluation<FlagValue>>);
    }
    return loading;
  }

  /**
   * Every declared flag for a context, straight from the flags service (the dashboard's view, not
   * a hot path); the coded defaults when it cannot be reached.
   */
  async all(context: FlagContext): Promise<Record<string, FlagEvaluation>> {
    const served = await this.options.flagsService.evaluateAll(context).then(
      (response) => response.flags,
      (error: unknown) => {
        this.warnOnce('all', `flags: serving coded defaults, flags service: ${String(error)}`);
        return {} as Record<string, FlagEvaluation>;
      },
    );
    const flags: Record<string, FlagEvaluation> = {};
    for (const flag of FLAG_DEFINITIONS) {
      const evaluation = served[flag.key];
      const checked = evaluation
        ? this.checked(flag, evaluation)
        : unavailable(flag, 'FLAGS_UNAVAILABLE');
      const { source: _source, ...rest } = checked as SourcedEvaluation<FlagValue>;
      flags[flag.key] = rest;
      this.stats.record(flag.key, evaluation ? 'service' : 'default');
    }
    return flags;
  }

  private async load<T extends FlagValue>(
    flag: FlagDefinition<T>,
    context: FlagContext,
    contextKey: string,
  ): Promise<SourcedEvaluation<T>> {
    const ticket = this.memory.ticket(flag.key);
    const cached = await this.options.redis
      .hget(this.keys.evaluations(flag.key), contextKey)
      .catch(() => null);
    if (cached !== null) {
      const evaluation = this.checked(flag, JSON.parse(cached) as FlagEvaluation);
      this.memory.store(ticket, contextKey, evaluation, this.now());
      this.stats.record(flag.key, 'redis');
      return { ...evaluation, source: 'redis' };
    }
    if (this.now() < this.serviceDownUntil) return this.outageDefault(flag, contextKey);
    let served: FlagEvaluation;
    try {
      served = await this.options.flagsService.evaluate(flag.key, context);
    } catch (error) {
      this.serviceDownUntil = this.now() + this.outageBackoffMs;
      this.warnOnce('service', `flags: serving coded defaults, flags service: ${String(error)}`);
      return this.outageDefault(flag, contextKey);
    }
    const evaluation = this.checked(flag, served);
    this.memory.store(ticket, contextKey, evaluation, this.now());
    this.stats.record(flag.key, 'service');
    return { ...evaluation, source: 'service' };
  }

  private outageDefault<T extends FlagValue>(
    flag: FlagDefinition<T>,
    contextKey: string,
  ): SourcedEvaluation<T> {
    this.defaultsUntil.set(`${flag.key}\n${contextKey}`, this.serviceDownUntil);
    this.stats.record(flag.key, 'default');
    return unavailable(flag, 'FLAGS_UNAVAILABLE');
  }

  /** A value of the wrong shape (a mistyped variation) is replaced by the coded default. */
  private checked<T extends FlagValue>(
    flag: FlagDefinition<T>,
    evaluation: FlagEvaluation,
  ): FlagEvaluation<T> {
    if (flag.accepts(evaluation.value)) return evaluation as FlagEvaluation<T>;
    // LaunchDarkly has no such flag (or was not ready): the coded default, for the reason given.
    if (evaluation.reason.kind === 'ERROR' && evaluation.value === null)
      return { ...evaluation, value: flag.defaultValue, variationIndex: null };
    this.warnOnce(
      `type:${flag.key}`,
      `flags: ${flag.key} served ${JSON.stringify(evaluation.value)}, which it does not accept; using ${JSON.stringify(flag.defaultValue)}`,
    );
    return {
      flagKey: flag.key,
      value: flag.defaultValue,
      variationIndex: null,
      reason: { kind: 'ERROR', errorKind: 'WRONG_TYPE' },
    };
  }

  private onChangeMessage(raw: string): void {
    let message: FlagsChangedMessage;
    try {
      message = JSON.parse(raw) as FlagsChangedMessage;
    } catch {
      this.memory.invalidateAll();
      return;
    }
    if (message.flagKeys === null) this.memory.invalidateAll();
    else this.memory.invalidate(message.flagKeys);
    // The flags service is back (it published this): ask it again.
    this.defaultsUntil.clear();
    this.stats.lastChangeAt = message.changedAt;
    // The flags service may be back: the next miss asks it again.
    this.serviceDownUntil = 0;
    for (const listener of this.listeners) listener(message);
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.options.warn?.(message);
  }
}
