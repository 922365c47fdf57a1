/**
 * The `k` best of a stream of scored items, kept as they come instead of sorting them all: higher
 * score first, the lower item number on equal scores (what a stable sort of items offered in
 * ascending order gives). For search legs that score thousands and keep a few dozen.
 */
export class BestK {
  readonly items: number[] = [];
  readonly scores: number[] = [];

  constructor(private readonly k: number) {}

  offer(item: number, score: number): void {
    const { items, scores, k } = this;
    if (k <= 0) return;
    const before = (i: number) => score > scores[i]! || (score === scores[i]! && item < items[i]!);
    if (items.length === k && !before(k - 1)) return;
    let at = items.length;
    while (at > 0 && before(at - 1)) at -= 1;
    items.splice(at, 0, item);
    scores.splice(at, 0, score);
    if (items.length > k) {
      items.pop();
      scores.pop();
    }
  }
}
