/** Lower case, compatibility-normalised, runs of whitespace as one space. */
const normalise = (text: string): string =>
  text.normalize('NFKC').toLocaleLowerCase().replace(/\s+/gu, ' ').trim();

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether the message contains one of the phrases as a whole: case-insensitive, on word
 * boundaries (`agent` matches "an agent please" but not "reagent"), whitespace-insensitive.
 * Letters and digits of every script count as word characters.
 */
export function matchesHandoffPhrase(text: string, phrases: readonly string[]): boolean {
  const message = normalise(text);
  if (!message) return false;
  return phrases.some((phrase) => {
    const wanted = normalise(phrase);
    if (!wanted) return false;
    const pattern = escapeRegExp(wanted).replace(/ /g, '\\s+');
    return new RegExp(`(?:^|[^\\p{L}\\p{N}])${pattern}(?:$|[^\\p{L}\\p{N}])`, 'u').test(message);
  });
}
