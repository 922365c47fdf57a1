import { classifySendFailure } from './send-failure';

describe('classifying a failed send', () => {
  it.each([
    ['a 5xx reply', { responseCode: 550, response: '550 5.1.1 no such user' }, true],
    ['a refused login', { code: 'EAUTH', message: 'Invalid login' }, true],
    ['a refused address', { code: 'EENVELOPE', message: 'No recipients defined' }, true],
    ['a 4xx reply (greylisting)', { responseCode: 451, response: '451 4.7.1 try later' }, false],
    ['a refused connection', { code: 'ECONNECTION', message: 'connect ECONNREFUSED' }, false],
    ['a timeout', { code: 'ETIMEDOUT', message: 'Greeting never received' }, false],
    ['anything unknown', new Error('something odd'), false],
  ])('%s is %s', (_label, error, permanent) => {
    expect(classifySendFailure(error).permanent).toBe(permanent);
  });

  it("keeps the server's words", () => {
    expect(classifySendFailure({ responseCode: 552, response: '552 5.2.2 mailbox full' })).toEqual({
      permanent: true,
      reason: '552 5.2.2 mailbox full',
      code: '552',
    });
  });
});
