/** A clock that moves only when a test moves it. */
export class TestClock {
  private now: number;
  constructor(start: Date | string = '2026-11-23T09:00:00Z') {
    this.now = new Date(start).getTime();
  }
  readonly read = (): Date => new Date(this.now);
  advance(ms: number): void {
    this.now += ms;
  }
  set(date: Date | string): void {
    this.now = new Date(date).getTime();
  }
}
