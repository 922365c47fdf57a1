import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Flags } from '@cxgenie/contracts';
import { eventually } from '@cxgenie/testing';
import { type FlagsUnderTest, bootFlags } from '../../testing/flags-under-test';

/** No SDK key: the SDK's own file data source over a flags file, reloaded when it changes. */
describe('flags: the flags file (no LaunchDarkly key)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cxgenie-flags-'));
  const file = join(dir, 'flags.json');
  const botId = randomUUID();
  let flags: FlagsUnderTest;

  const write = (content: unknown) => writeFileSync(file, JSON.stringify(content, null, 2));

  beforeAll(async () => {
    write({ flagValues: { [Flags.paragraphFlushMs.key]: 200, [Flags.botKillSwitch.key]: false } });
    flags = await bootFlags({ env: { FLAGS_FILE: file } });
  });

  afterAll(async () => {
    await flags.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the file and says so', async () => {
    expect(await flags.http.status()).toMatchObject({ source: 'file', initialized: true });
    expect(
      await flags.http.evaluate(Flags.paragraphFlushMs.key, { workspaceId: randomUUID() }),
    ).toMatchObject({
      value: 200,
      reason: { kind: 'FALLTHROUGH' },
    });
  });

  it('reloads the file when it changes, and every client follows', async () => {
    const client = flags.client('file');
    await client.whenSubscribed();
    const context = { workspaceId: randomUUID(), botId };
    expect(await client.get(Flags.paragraphFlushMs, context)).toBe(200);
    expect(await client.get(Flags.botKillSwitch, context)).toBe(false);

    write({ flagValues: { [Flags.paragraphFlushMs.key]: 40, [Flags.botKillSwitch.key]: false } });
    await eventually(async () =>
      expect(await client.get(Flags.paragraphFlushMs, context)).toBe(40),
    );
    expect(client.stats.lastChangeAt).not.toBeNull();
    expect((await flags.http.status()).lastChangeAt).not.toBeNull();
    const metrics = await (await fetch(`${flags.service.url}/metrics`)).text();
    expect(metrics).toMatch(/^flags_changes_total [1-9]/m);
    expect(metrics).toMatch(/^flags_seconds_since_last_change \d/m);
    expect(metrics).toMatch(/^flags_launchdarkly_initialized 1$/m);
    expect(metrics).toMatch(
      /^flags_sdk_evaluations_total\{flag="paragraph-flush-interval-ms"\} [1-9]/m,
    );
  });

  it('takes full flag rules from the file too: a kill switch for one bot only', async () => {
    const client = flags.client('file-rules');
    await client.whenSubscribed();
    const other = { workspaceId: randomUUID(), botId: randomUUID() };
    const target = { workspaceId: randomUUID(), botId };
    write({
      flagValues: { [Flags.paragraphFlushMs.key]: 40 },
      flags: {
        [Flags.botKillSwitch.key]: {
          key: Flags.botKillSwitch.key,
          version: 2,
          on: true,
          variations: [false, true],
          fallthrough: { variation: 0 },
          offVariation: 0,
          contextTargets: [{ contextKind: 'bot', values: [botId], variation: 1 }],
          targets: [],
          rules: [],
          prerequisites: [],
          salt: 'kill',
        },
      },
    });
    await eventually(async () => expect(await client.get(Flags.botKillSwitch, target)).toBe(true));
    expect(await client.get(Flags.botKillSwitch, other)).toBe(false);
  });

  it('follows an edit that forgot to raise the version: a reload is a change of every flag', async () => {
    const client = flags.client('file-no-version');
    await client.whenSubscribed();
    const target = { workspaceId: randomUUID(), botId };
    await eventually(async () => expect(await client.get(Flags.botKillSwitch, target)).toBe(true));
    write({
      flagValues: { [Flags.paragraphFlushMs.key]: 40 },
      flags: {
        [Flags.botKillSwitch.key]: {
          key: Flags.botKillSwitch.key,
          version: 2,
          on: false,
          variations: [false, true],
          fallthrough: { variation: 0 },
          offVariation: 0,
          contextTargets: [{ contextKind: 'bot', values: [botId], variation: 1 }],
          targets: [],
          rules: [],
          prerequisites: [],
          salt: 'kill',
        },
      },
    });
    await eventually(async () => expect(await client.get(Flags.botKillSwitch, target)).toBe(false));
  });

  it('keeps serving the last good flags when the file is broken', async () => {
    const context = { workspaceId: randomUUID() };
    writeFileSync(file, '{ "flagValues": { oops');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await flags.http.evaluate(Flags.paragraphFlushMs.key, context)).toMatchObject({
      value: 40,
    });
  });
});
