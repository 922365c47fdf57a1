import { smallTalkIntents, smallTalkReply, withoutSmallTalk } from './small-talk';

describe('small talk', () => {
  it.each([
    ['hello there', 'greeting'],
    ['Hi!', 'greeting'],
    ['Good morning :)', 'greeting'],
    ['thanks a lot, great help', 'thanks'],
    ['Thank you so much!', 'thanks'],
    ['are you a bot?', 'identity'],
    ['Am I talking to a real person?', 'identity'],
    ['hi, how are you?', 'wellbeing'],
    ['ok bye', 'goodbye'],
    ['¡Hola!', 'greeting'],
    ['Merci beaucoup', 'thanks'],
    ['Bist du ein Bot?', 'identity'],
  ])('recognises %j as %s', (text, intent) => {
    expect(smallTalkIntents(text)?.[0]).toBe(intent);
  });

  it.each([
    'hi, how do I reset my password?',
    'Hello, is my order shipped yet?',
    'thanks, and how do I get a refund?',
    'are you able to reset my account?',
    'bot',
    'How are you storing my data?',
    '',
  ])('never takes a real question (or nothing) for small talk: %j', (text) => {
    expect(smallTalkReply(text, 'en', undefined)).toBeNull();
  });

  it("replies briefly in the bot's language, English when it has none built in", () => {
    expect(smallTalkReply('hello there', 'en-US', undefined)).toEqual({
      intent: 'greeting',
      reply: 'Hello! How can I help you today?',
    });
    expect(smallTalkReply('hola', 'es', undefined)?.reply).toBe(
      '¡Hola! ¿En qué puedo ayudarte hoy?',
    );
    expect(smallTalkReply('hello', 'ja', undefined)?.reply).toBe(
      'Hello! How can I help you today?',
    );
  });

  it("follows the bot's settings: off, a narrower set of intents, its own replies", () => {
    expect(smallTalkReply('hello', 'en', { enabled: false })).toBeNull();
    expect(smallTalkReply('are you a bot?', 'en', { intents: ['greeting', 'thanks'] })).toBeNull();
    expect(smallTalkReply('hello', 'en', { intents: ['greeting'] })?.intent).toBe('greeting');
    expect(
      smallTalkReply('thanks!', 'en', { replies: { thanks: 'Anytime! — the Acme team' } })?.reply,
    ).toBe('Anytime! — the Acme team');
  });

  it('takes the small talk off a question before it is searched', () => {
    expect(withoutSmallTalk('Hi! How do I reset my password? Thanks')).toBe(
      'How do I reset my password?',
    );
    expect(withoutSmallTalk('hello')).toBe('hello');
  });
});
