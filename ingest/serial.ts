/** Runs async tasks one at a time, in call order. */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

/** A new queue; a failed task does not block the next. */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  };
}
