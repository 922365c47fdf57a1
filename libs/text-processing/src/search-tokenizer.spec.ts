import { porterStem } from './porter-stemmer';
import { termSpecificity, tokenizeForSearch } from './search-tokenizer';
import { conceptsOf } from './synonym-groups';

describe('porterStem', () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['cats', 'cat'],
    ['feed', 'feed'],
    ['agreed', 'agre'],
    ['plastered', 'plaster'],
    ['motoring', 'motor'],
    ['sing', 'sing'],
    ['hopping', 'hop'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['generalization', 'gener'],
    ['connection', 'connect'],
    ['connected', 'connect'],
    ['adoption', 'adopt'],
    ['controlling', 'control'],
    ['running', 'run'],
  ])('%s -> %s', (word, stem) => expect(porterStem(word)).toBe(stem));

  it('leaves non-ASCII and short words alone', () => {
    expect(porterStem('größe')).toBe('größe');
    expect(porterStem('is')).toBe('is');
  });
});

describe('tokenizeForSearch', () => {
  it('lowercases, drops stop words, stems, and keeps identifiers whole and split', () => {
    expect(
      tokenizeForSearch("How do I change max_connections? Don't re-index the Tables!"),
    ).toEqual(['chang', 'max', 'connect', 'max_connections', 'index', 'tabl']);
  });

  it('splits any script into words and keeps numbers', () => {
    expect(tokenizeForSearch('Café: 42 Ärger')).toEqual(['café', '42', 'ärger']);
  });

  it('weighs everyday words below topic words', () => {
    expect(termSpecificity(porterStem('use'))).toBeLessThan(termSpecificity(porterStem('refund')));
  });

  it('maps synonyms to a shared concept', () => {
    const [stop] = conceptsOf(porterStem('stop'));
    expect(stop).toBeDefined();
    expect(conceptsOf(porterStem('cancel'))).toContain(stop);
    expect(conceptsOf(porterStem('vacuum'))).not.toContain(stop);
  });
});
