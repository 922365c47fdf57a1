/**
 * Runs tasks of the same key one after another, in the order they were started, and tasks of
 * different keys side by side. Two users need exactly this: the LanceDB writers of one table (two
 * ingestion workers must not race a commit or a create-if-missing) and the email spool (two mails of
 * one sender must not be threaded out of order because the second was smaller).
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    // A failed task does not stop its key: the next one runs all the same.
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    // A key is forgotten once its last task is over, so the map holds only busy keys.
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
