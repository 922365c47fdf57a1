import { type FlagChangedPayload, Flags } from '@cxgenie/contracts';
import { changeAffectsBot, killSwitchOn } from './flag-changes';

const change = (botId: string | null): FlagChangedPayload => ({
  flagKey: Flags.botKillSwitch.key,
  context: { workspaceId: 'w', userId: null, botId },
  value: true,
  variationIndex: 0,
  reason: { kind: 'RULE_MATCH' },
  changedAt: '2026-12-07T03:00:00.000Z',
});

describe('flags on the bot page', () => {
  it("re-reads the bot's flags for a change of that bot or of the whole workspace only", () => {
    expect(changeAffectsBot(change('bot-1'), 'bot-1')).toBe(true);
    expect(changeAffectsBot(change(null), 'bot-1')).toBe(true);
    expect(changeAffectsBot(change('bot-2'), 'bot-1')).toBe(false);
  });

  it('shows the kill switch only when its value is exactly on', () => {
    expect(killSwitchOn({ [Flags.botKillSwitch.key]: { value: true } })).toBe(true);
    expect(killSwitchOn({ [Flags.botKillSwitch.key]: { value: false } })).toBe(false);
    expect(killSwitchOn({ [Flags.botKillSwitch.key]: { value: 'true' } })).toBe(false);
    expect(killSwitchOn(undefined)).toBe(false);
  });
});
