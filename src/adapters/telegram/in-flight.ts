/** Updates being handled right now, so a shutdown can wait for their answers to be sent. */
export class InFlight {
  private readonly tasks = new Set<Promise<unknown>>();

  track<T>(task: Promise<T>): Promise<T> {
    this.tasks.add(task);
    const forget = () => void this.tasks.delete(task);
    task.then(forget, forget);
    return task;
  }

  get size(): number {
    return this.tasks.size;
  }

  /** Resolves when every tracked task (including ones started meanwhile) has settled. */
  async drain(): Promise<void> {
    while (this.tasks.size > 0) await Promise.allSettled([...this.tasks]);
  }
}
