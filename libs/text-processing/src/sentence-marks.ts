/**
 * What ends a sentence in streamed text: a terminator followed by whitespace, with closing quotes
 * or brackets allowed in between. core-ai joins an answer's deltas up to such an end and the
 * gateway's paragraph buffer cuts a first chunk at one; both read the same marks.
 */
export const SENTENCE_TERMINATORS: ReadonlySet<string> = new Set(['.', '!', '?', '…']);
export const SENTENCE_CLOSERS: ReadonlySet<string> = new Set(['"', "'", '”', '’', ')', ']']);
