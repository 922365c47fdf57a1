import { isNewConversation } from './bot-kill-switch';

describe('isNewConversation', () => {
  const customer = (seq: number) => ({ seq, senderType: 'customer' });

  it('is new while only the customer has written, from the first message on', () => {
    expect(isNewConversation(1, [])).toBe(true);
    expect(isNewConversation(3, [customer(1), customer(2)])).toBe(true);
  });

  it('is not new once the bot, an agent or the system has written', () => {
    expect(isNewConversation(3, [customer(1), { seq: 2, senderType: 'bot' }])).toBe(false);
    expect(isNewConversation(3, [customer(1), { seq: 2, senderType: 'agent' }])).toBe(false);
    expect(isNewConversation(3, [customer(1), { seq: 2, senderType: 'system' }])).toBe(false);
  });

  it('is not new when the window does not reach back to the first message', () => {
    expect(isNewConversation(30, [customer(28), customer(29)])).toBe(false);
  });

  it('looks only at what came before the message', () => {
    expect(isNewConversation(2, [customer(1), { seq: 3, senderType: 'bot' }])).toBe(true);
  });
});
