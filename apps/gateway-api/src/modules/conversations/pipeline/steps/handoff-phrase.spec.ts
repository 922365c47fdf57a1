import { matchesHandoffPhrase } from './handoff-phrase';

describe('matchesHandoffPhrase', () => {
  const phrases = ['talk to a human', 'agent', 'Mensch bitte'];

  it('finds a phrase anywhere in the message, whatever the case and spacing', () => {
    expect(matchesHandoffPhrase('Can I TALK   to a Human?', phrases)).toBe(true);
    expect(matchesHandoffPhrase('agent', phrases)).toBe(true);
    expect(matchesHandoffPhrase('I want an agent, now!', phrases)).toBe(true);
    expect(matchesHandoffPhrase('einen MENSCH bitte.', phrases)).toBe(true);
  });

  it('matches whole phrases only', () => {
    expect(matchesHandoffPhrase('the reagent is missing', phrases)).toBe(false);
    expect(matchesHandoffPhrase('agents are great', phrases)).toBe(false);
    expect(matchesHandoffPhrase('talk to a humanoid robot', phrases)).toBe(false);
    expect(matchesHandoffPhrase('talk to a', phrases)).toBe(false);
  });

  it('takes regular-expression characters in phrases literally', () => {
    expect(matchesHandoffPhrase('help!!! (now)', ['(now)'])).toBe(true);
    expect(matchesHandoffPhrase('help now', ['(now)'])).toBe(false);
    expect(matchesHandoffPhrase('a.b', ['a.b'])).toBe(true);
    expect(matchesHandoffPhrase('axb', ['a.b'])).toBe(false);
  });

  it('never matches without phrases, or with blank ones', () => {
    expect(matchesHandoffPhrase('agent', [])).toBe(false);
    expect(matchesHandoffPhrase('anything', ['', '   '])).toBe(false);
    expect(matchesHandoffPhrase('', phrases)).toBe(false);
  });

  it('treats letters of other scripts as word characters', () => {
    expect(matchesHandoffPhrase('хочу оператора', ['оператор'])).toBe(false);
    expect(matchesHandoffPhrase('позовите оператор пожалуйста', ['оператор'])).toBe(true);
  });
});
