import { randomUUID } from 'node:crypto';
import { integrations } from '@launchdarkly/node-server-sdk';
import { FLAG_DEFINITIONS, Flags, FlagsCallError } from '@cxgenie/contracts';
import { eventually, serviceTokenHeaders } from '@cxgenie/testing';
import { type FlagsUnderTest, bootFlags } from '../../testing/flags-under-test';

/** Evaluation through the SDK, driven deterministically by its TestData source. */
describe('flags: evaluation API over the SDK (TestData)', () => {
  const td = new integrations.TestData();
  let flags: FlagsUnderTest;
  const workspaceId = randomUUID();
  const botA = randomUUID();
  const botB = randomUUID();
  const member = randomUUID();

  beforeAll(async () => {
    await td.update(
      td.flag(Flags.retrievalMode.key).variations('hybrid', 'vector-only').fallthroughVariation(0),
    );
    flags = await bootFlags({ updateProcessor: td.getFactory() });
  });

  afterAll(() => flags.close());

  it('serves a flag the SDK does not have as its coded default, saying why', async () => {
    const evaluation = await flags.http.evaluate(Flags.botKillSwitch.key, { workspaceId });
    expect(evaluation).toEqual({
      flagKey: 'bot-kill-switch',
      value: false,
      variationIndex: null,
      reason: { kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' },
    });
  });

  it('targets each kind of a multi-kind context: a bot, a member, a workspace', async () => {
    await td.update(
      td
        .flag(Flags.retrievalMode.key)
        .variations('hybrid', 'vector-only')
        .fallthroughVariation(0)
        .variationForContext('bot', botB, 1),
    );
    await td.update(
      td
        .flag(Flags.paragraphFlushMs.key)
        .variations(200, 50, 1000)
        .fallthroughVariation(0)
        .variationForContext('user', member, 1)
        .ifMatch('workspace', 'key', workspaceId)
        .thenReturn(2),
    );
    await flags.settled();

    const forA = await flags.http.evaluate(Flags.retrievalMode.key, { workspaceId, botId: botA });
    const forB = await flags.http.evaluate(Flags.retrievalMode.key, { workspaceId, botId: botB });
    expect(forA).toMatchObject({
      value: 'hybrid',
      variationIndex: 0,
      reason: { kind: 'FALLTHROUGH' },
    });
    expect(forB).toMatchObject({
      value: 'vector-only',
      variationIndex: 1,
      reason: { kind: 'TARGET_MATCH' },
    });

    const asMember = await flags.http.evaluate(Flags.paragraphFlushMs.key, {
      workspaceId,
      userId: member,
    });
    const asWorkspace = await flags.http.evaluate(Flags.paragraphFlushMs.key, { workspaceId });
    const elsewhere = await flags.http.evaluate(Flags.paragraphFlushMs.key, {
      workspaceId: randomUUID(),
    });
    expect(asMember).toMatchObject({ value: 50, reason: { kind: 'TARGET_MATCH' } });
    expect(asWorkspace).toMatchObject({
      value: 1000,
      reason: { kind: 'RULE_MATCH', ruleIndex: 0 },
    });
    expect(elsewhere).toMatchObject({ value: 200, reason: { kind: 'FALLTHROUGH' } });
  });

  it('evaluates every declared flag for a context at once', async () => {
    const { flags: all } = await flags.http.evaluateAll({ workspaceId, botId: botB });
    expect(Object.keys(all).sort()).toEqual(FLAG_DEFINITIONS.map((f) => f.key).sort());
    expect(all[Flags.retrievalMode.key]!.value).toBe('vector-only');
    expect(all[Flags.answerPromptVersion.key]!.value).toBe('answer-v2');
  });

  it('follows a change at once: the in-process client drops what it cached', async () => {
    const client = flags.client('testdata');
    await client.whenSubscribed();
    const context = { workspaceId, botId: randomUUID() };
    expect(await client.evaluate(Flags.answerPromptVersion, context)).toMatchObject({
      value: 'answer-v2',
      source: 'service',
    });
    expect(await client.evaluate(Flags.answerPromptVersion, context)).toMatchObject({
      source: 'memory',
    });
    await td.update(
      td
        .flag(Flags.answerPromptVersion.key)
        .variations('answer-v2', 'answer-v3')
        .variationForAll(1),
    );
    await flags.settled();
    // The change message is published before settled() resolves; the client applies it on arrival.
    const evaluation = await eventually(async () => {
      const e = await client.evaluate(Flags.answerPromptVersion, context);
      expect(e.value).toBe('answer-v3');
      return e;
    });
    expect(evaluation).toMatchObject({ variationIndex: 1 });
    expect(client.stats.lastChangeAt).not.toBeNull();
  });

  it("answers only the platform's services, which carry the service token", async () => {
    const body = JSON.stringify({ flagKey: Flags.botKillSwitch.key, context: { workspaceId } });
    const headers = { 'content-type': 'application/json' };
    const url = `${flags.service.url}/v1/flags/evaluate`;
    expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(401);
    const wrong = { ...headers, 'x-service-token': 'not-the-token' };
    expect((await fetch(url, { method: 'POST', headers: wrong, body })).status).toBe(401);
    const right = { ...headers, ...serviceTokenHeaders() };
    expect((await fetch(url, { method: 'POST', headers: right, body })).status).toBe(200);
  });

  it('rejects a bad context or flag key, naming the field', async () => {
    const res = await fetch(`${flags.service.url}/v1/flags/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...serviceTokenHeaders() },
      body: JSON.stringify({ flagKey: Flags.botKillSwitch.key, context: { workspaceId: 'nope' } }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { details: { field: string }[] };
    expect(body.details.map((d) => d.field)).toContain('context.workspaceId');

    const badKey = await fetch(`${flags.service.url}/v1/flags/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...serviceTokenHeaders() },
      body: JSON.stringify({ flagKey: 'no spaces allowed', context: { workspaceId } }),
    });
    expect(badKey.status).toBe(400);
    expect(JSON.stringify(await badKey.json())).toContain('flagKey');

    // A list where the context belongs: class-validator would read it as a list of contexts.
    const listed = await fetch(`${flags.service.url}/v1/flags/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...serviceTokenHeaders() },
      body: JSON.stringify({ flagKey: Flags.botKillSwitch.key, context: [] }),
    });
    expect(listed.status).toBe(400);
    expect(((await listed.json()) as { details: { field: string }[] }).details).toEqual([
      expect.objectContaining({ field: 'context' }),
    ]);
    await expect(flags.http.evaluate('', { workspaceId })).rejects.toBeInstanceOf(FlagsCallError);
  });

  it('serves a flag the code does not declare as LaunchDarkly has it, null when it has none', async () => {
    expect(await flags.http.evaluate('dashboard-only-flag', { workspaceId })).toMatchObject({
      value: null,
      reason: { kind: 'ERROR', errorKind: 'FLAG_NOT_FOUND' },
    });
    await td.update(td.flag('dashboard-only-flag').valueForAll({ theme: 'dark' }));
    await flags.settled();
    expect(await flags.http.evaluate('dashboard-only-flag', { workspaceId })).toMatchObject({
      value: { theme: 'dark' },
    });
  });
});
