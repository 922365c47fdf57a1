/**
 * Runs tasks one after the other per key, in the order they were started, and tasks of different
 * keys side by side. A spool worker takes jobs in the order they were queued; this keeps two mails
 * of one sender from being threaded in the wrong order just because the second was smaller.
 */
export class OrderLanes {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // The lane is forgotten once its last task is over: the map holds only busy keys.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with a task running or waiting. */
  get busy(): number {
    return this.tails.size;
  }
}
