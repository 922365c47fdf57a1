import { csatQuestion, parseCsatReply } from './csat-texts';

describe('CSAT by text', () => {
  it('takes a bare digit of the scale as a rating, and nothing else', () => {
    expect(['1', '5', ' 4 ', '3\n'].map(parseCsatReply)).toEqual([1, 5, 4, 3]);
    expect(
      ['0', '6', '9', '10', '4.5', '5 stars', 'I give 4', '４', '', ' ', 'five'].map(
        parseCsatReply,
      ),
    ).toEqual(Array(11).fill(null));
  });

  it('asks for a digit on messaging platforms, not in the widget (it shows buttons)', () => {
    expect(csatQuestion('telegram')).toMatch(/Reply 1–5/);
    expect(csatQuestion('web')).not.toMatch(/Reply/);
  });
});
