import { tokenizeForSearch } from '@cxgenie/text-processing';
import { CARRIED_TERM_WEIGHT, isFollowUp, queryOf, standaloneQuery } from './search-query';

describe('follow-up questions', () => {
  it('recognises questions that only make sense after the previous turn', () => {
    expect(isFollowUp('and for outgoing mail?')).toBe(true);
    expect(isFollowUp('What about Windows?')).toBe(true);
    expect(isFollowUp('does it need a restart?')).toBe(true);
    expect(isFollowUp('How do I make Postfix use IPv4 only on a dual-stack host?')).toBe(false);
  });

  it("reads a follow-up with the customer's previous question, at a lower weight", () => {
    const query = standaloneQuery('and for outgoing mail?', [
      { role: 'customer', text: 'How do I turn on TLS for incoming mail?' },
      { role: 'bot', text: 'Set smtpd_tls_security_level = may.' },
    ]);
    expect(query.context).toBe('How do I turn on TLS for incoming mail?');
    expect(query.text).toBe('How do I turn on TLS for incoming mail?\nand for outgoing mail?');
    const weight = (word: string) =>
      query.terms.find((t) => t.term === tokenizeForSearch(word)[0])?.weight;
    expect(weight('outgoing')).toBe(1);
    expect(weight('incoming')).toBe(CARRIED_TERM_WEIGHT);
    expect(weight('TLS')).toBe(CARRIED_TERM_WEIGHT);
    expect(weight('mail')).toBe(1);
  });

  it('leaves a question that stands alone, or the first one, as it is', () => {
    const alone = 'How do I make Postfix use IPv4 only on a dual-stack host?';
    expect(standaloneQuery(alone, [{ role: 'customer', text: 'hi' }])).toEqual(queryOf(alone));
    expect(standaloneQuery('and outgoing?', [])).toEqual(queryOf('and outgoing?'));
  });

  it('adds general-vocabulary synonyms at a fraction of the weight', () => {
    const weight = (term: string) => queryOf('stop the query').terms.find((t) => t.term === term);
    expect(weight('stop')?.weight).toBe(1);
    expect(weight('cancel')?.weight).toBeGreaterThan(0);
    expect(weight('cancel')!.weight).toBeLessThan(1);
  });
});
