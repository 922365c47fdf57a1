import { botSettingsChangesChannel, parseBotSettingsChanged } from './bot-settings-changes';

describe('the bot settings change announcement', () => {
  it('is one channel per deployment prefix', () => {
    expect(botSettingsChangesChannel('cxgenie')).toBe('cxgenie:bot-settings:changes');
    expect(botSettingsChangesChannel('a')).not.toBe(botSettingsChangesChannel('b'));
  });

  it('reads the bot a message names, and nothing else from it', () => {
    expect(parseBotSettingsChanged('{"workspaceId":"w","botId":"b","extra":1}')).toEqual({
      workspaceId: 'w',
      botId: 'b',
    });
  });

  it.each(['', 'not json', 'null', '{"workspaceId":"w"}', '{"workspaceId":1,"botId":"b"}'])(
    'reads %j as no particular bot (its readers then drop every bot)',
    (raw) => expect(parseBotSettingsChanged(raw)).toBeNull(),
  );
});
