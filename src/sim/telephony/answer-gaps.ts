/**
 * The longest time a service answered nobody, from its first answer on: the silence between two
 * answers, or since the last one while none has come (up to `now`). For the REGISTER answers, so
 * a failover's outage counts the registrar's silence as the RTP streams' gaps count the relay's —
 * in a split deployment only the SIP VM may fail over, and its media's gap says nothing of it.
 */
export class AnswerGaps {
  private last = -1;
  private longest = 0;

  /** A client got an answer at `now` (µs). */
  mark(now: number): void {
    if (this.last >= 0 && now - this.last > this.longest) this.longest = now - this.last;
    this.last = now;
  }

  /** When the last answer came (µs), or −1 before any. */
  get lastUs(): number {
    return this.last;
  }

  /** The longest silence so far, µs, the open one up to `now` included; 0 before any answer. */
  longestUs(now: number): number {
    if (this.last < 0) return 0;
    return Math.max(this.longest, now - this.last);
  }
}
