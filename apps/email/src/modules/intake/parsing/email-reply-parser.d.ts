// email-reply-parser 2.1 ships no types (later versions are ESM-only, which CommonJS cannot load).
declare module 'email-reply-parser' {
  interface Fragment {
    getContent(): string;
    isQuoted(): boolean;
    isSignature(): boolean;
    isHidden(): boolean;
  }
  interface Email {
    getFragments(): Fragment[];
    getVisibleText(): string;
  }
  class EmailReplyParser {
    read(text: string): Email;
  }
  export = EmailReplyParser;
}
