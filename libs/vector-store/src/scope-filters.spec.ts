import {
  lanceScopeFilter,
  milvusScopeFilter,
  milvusStringLiteral,
  sqlStringLiteral,
} from './scope-filters';
import { VectorStoreInputError } from './vector-record.validation';

const workspaceId = '0b7e6a7e-3f0c-4a57-9d55-5a8f0e0b2c11';
const botId = '6f1d2c3b-8a9e-4f10-b2c3-d4e5f6a7b8c9';
const sourceId = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';

describe('scope filters', () => {
  it('always narrow a LanceDB read to the workspace and the bot', () => {
    expect(lanceScopeFilter({ workspaceId, botId })).toBe(
      `workspace_id = '${workspaceId}' AND bot_id = '${botId}'`,
    );
    expect(lanceScopeFilter({ workspaceId, botId, partition: 'faqs' })).toBe(
      `workspace_id = '${workspaceId}' AND bot_id = '${botId}' AND partition = 'faqs'`,
    );
    expect(lanceScopeFilter({ workspaceId, botId, sourceId })).toBe(
      `workspace_id = '${workspaceId}' AND bot_id = '${botId}' AND source_id = '${sourceId}'`,
    );
  });

  it('always narrow a Milvus read to the workspace and the bot', () => {
    expect(milvusScopeFilter({ workspaceId, botId, partition: 'documents' })).toBe(
      `workspace_id == "${workspaceId}" && bot_id == "${botId}" && partition == "documents"`,
    );
    expect(milvusScopeFilter({ workspaceId, botId, sourceId })).toBe(
      `workspace_id == "${workspaceId}" && bot_id == "${botId}" && source_id == "${sourceId}"`,
    );
  });

  it('accept uuids in any case and keys derived from them', () => {
    expect(milvusScopeFilter({ workspaceId: workspaceId.toUpperCase(), botId })).toContain(
      workspaceId.toUpperCase(),
    );
    expect(lanceScopeFilter({ workspaceId, botId, sourceId: `${sourceId}:3` })).toContain(
      `source_id = '${sourceId}:3'`,
    );
    expect(milvusScopeFilter({ workspaceId, botId, sourceId: 'bench-source' })).toContain(
      `source_id == "bench-source"`,
    );
  });

  it.each([
    ['a workspace id', { workspaceId: `${workspaceId}' OR '1'='1`, botId }],
    ['a bot id', { workspaceId, botId: `" || bot_id != "` }],
    ['an empty bot id', { workspaceId, botId: '' }],
    ['an id with a space', { workspaceId, botId: `${botId} OR 1` }],
    ['an id with a backslash', { workspaceId, botId: `${botId}\\` }],
    ['an overlong id', { workspaceId, botId: 'a'.repeat(129) }],
    ['a source id', { workspaceId, botId, sourceId: `${sourceId}"` }],
    ['a partition', { workspaceId, botId, partition: `faqs' OR '1'='1` as 'faqs' }],
  ])('refuse %s: only letters, digits, :_.- and known partitions pass', (_what, filter) => {
    expect(() => lanceScopeFilter(filter)).toThrow(VectorStoreInputError);
    expect(() => milvusScopeFilter(filter)).toThrow(VectorStoreInputError);
  });

  it('escape quotes inside SQL literals by doubling them', () => {
    expect(sqlStringLiteral(`it's`)).toBe(`'it''s'`);
    expect(sqlStringLiteral(`' OR '1'='1`)).toBe(`''' OR ''1''=''1'`);
  });

  it('escape quotes and backslashes inside Milvus literals', () => {
    expect(milvusStringLiteral(`say "hi"`)).toBe(`"say \\"hi\\""`);
    expect(milvusStringLiteral(`a\\" || x != "`)).toBe(`"a\\\\\\" || x != \\""`);
    expect(() => milvusStringLiteral('line\nbreak')).toThrow();
  });
});
