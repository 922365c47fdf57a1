/** An SMTP reply smtp-server sends for a refused command (its `responseCode` and text). */
export class SmtpReply extends Error {
  constructor(
    readonly responseCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'SmtpReply';
  }

  static unknownRecipient(address: string): SmtpReply {
    return new SmtpReply(550, `5.1.1 <${address}>: no such mailbox here`);
  }

  static mailboxDisabled(address: string): SmtpReply {
    return new SmtpReply(550, `5.2.1 <${address}>: this mailbox takes no mail now`);
  }

  static tooManyRecipients(limit: number): SmtpReply {
    return new SmtpReply(452, `4.5.3 Too many recipients (at most ${limit} per message)`);
  }

  static tooLarge(limit: number): SmtpReply {
    return new SmtpReply(552, `5.3.4 Message too big (at most ${limit} bytes)`);
  }

  static unreadable(reason: string): SmtpReply {
    return new SmtpReply(
      554,
      `5.6.0 Message refused: ${reason.replace(/[\r\n]+/g, ' ').slice(0, 200)}`,
    );
  }

  static temporaryFailure(): SmtpReply {
    return new SmtpReply(451, '4.3.0 Temporary failure, please try again later');
  }
}
