/** The part of js-tiktoken's `Tiktoken` used here. */
interface BpeEncoder {
  encode(text: string, allowedSpecial: string[], disallowedSpecial: string[]): number[];
  decode(tokens: number[]): string;
}

/*
 * cl100k_base is the tokeniser of the OpenAI chat and embedding models CX Genie budgets for. Its
 * rank table takes about half a second to parse, so it is loaded on first use and kept. js-tiktoken
 * ships CommonJS builds but ESM-only typings, hence require() and the narrow interface above.
 */
let encoder: BpeEncoder | undefined;

function cl100k(): BpeEncoder {
  if (!encoder) {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { Tiktoken } = require('js-tiktoken/lite') as {
      Tiktoken: new (ranks: unknown) => BpeEncoder;
    };
    const ranks = require('js-tiktoken/ranks/cl100k_base') as { default?: unknown };
    /* eslint-enable @typescript-eslint/no-require-imports */
    encoder = new Tiktoken(ranks.default ?? ranks);
  }
  return encoder;
}

/** cl100k_base token ids. Special-token text such as `<|endoftext|>` is encoded as plain text. */
export function encodeTokens(text: string): number[] {
  return text ? cl100k().encode(text, [], []) : [];
}

export function decodeTokens(tokens: readonly number[]): string {
  return tokens.length ? cl100k().decode([...tokens]) : '';
}

/** cl100k_base tokens in `text`. */
export function countTokens(text: string): number {
  return encodeTokens(text).length;
}

/** The longest prefix of `text` of at most `maxTokens` tokens. */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (maxTokens <= 0) return '';
  const tokens = encodeTokens(text);
  if (tokens.length <= maxTokens) return text;
  let prefix = decodeTokens(tokens.slice(0, maxTokens));
  // A cut through a multi-byte character decodes to U+FFFD: drop that partial character.
  while (prefix.length > 0 && !text.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * The longest suffix of `text` of at most `maxTokens` tokens that starts at a word boundary:
 * the overlap carried from one chunk into the next.
 */
export function tailTokens(text: string, maxTokens: number): string {
  if (maxTokens <= 0) return '';
  const tokens = encodeTokens(text);
  if (tokens.length <= maxTokens) return text;
  let tail = decodeTokens(tokens.slice(tokens.length - maxTokens));
  while (tail.length > 0 && !text.endsWith(tail)) tail = tail.slice(1);
  let start = text.length - tail.length;
  if (start > 0 && !/\s/.test(text.charAt(start - 1))) {
    const nextSpace = tail.search(/\s/);
    if (nextSpace < 0) return '';
    start += nextSpace;
  }
  return text.slice(start).trimStart();
}
