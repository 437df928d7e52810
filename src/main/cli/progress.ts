/**
 * Progress for long CLI jobs: a bar redrawn in place on a terminal, plain lines (at most one per second, and at
 * the end) when the output is a file or a pipe.
 */
export class Progress {
  private lastDraw = 0;
  private readonly tty: boolean;
  private readonly started = Date.now();

  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.tty = Boolean(stream.isTTY);
  }

  /** `done` of `total` units (total 0: unknown); `note` is appended, e.g. a count of bad rows. */
  update(done: number, total: number, note = ''): void {
    const now = Date.now();
    if (now - this.lastDraw < (this.tty ? 100 : 1000)) return;
    this.lastDraw = now;
    this.draw(done, total, note, false);
  }

  finish(done: number, total: number, note = ''): void {
    this.draw(done, total, note, true);
  }

  private draw(done: number, total: number, note: string, final: boolean): void {
    const pct = total > 0 ? Math.min(1, done / total) : 0;
    const secs = ((Date.now() - this.started) / 1000).toFixed(1);
    const tail = `${total > 0 ? `${(pct * 100).toFixed(1)}%` : done.toLocaleString('en-US')} ${secs}s${note ? ' ' + note : ''}`;
    if (this.tty) {
      const width = 30;
      const filled = Math.round(pct * width);
      const bar = total > 0 ? `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ` : '';
      this.stream.write(`\r${this.label} ${bar}${tail}\x1b[K${final ? '\n' : ''}`);
    } else {
      this.stream.write(`${this.label} ${tail}\n`);
    }
  }
}
