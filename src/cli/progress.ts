/**
 * A progress line on standard error for a run of many files (`policy-lint: 120/480 files linted`), redrawn in
 * place and cleared at the end so that the report is clean. Only on a terminal: never when standard error is a
 * pipe or a file, in CI (the CI variable set), with --quiet, or on a terminal that cannot redraw a line (TERM=dumb).
 */
import type { CliIO } from './io.js';

/** Runs of fewer files than this finish before a progress line would help. */
export const PROGRESS_MIN_FILES = 10;
/** At most one redraw in this many milliseconds. */
const REDRAW_MS = 100;
/** Back to the start of the line, and clear it. */
const CLEAR = '\r\u001b[K';

export function wantsProgress(io: CliIO, quiet: boolean): boolean {
  const ci = io.env.CI;
  return Boolean(io.stderrIsTTY) && !quiet && (ci === undefined || ci === '' || ci === '0' || ci === 'false') && io.env.TERM !== 'dumb';
}

export class Progress {
  private shown = false;
  private last = 0;

  constructor(private readonly write: (text: string) => void) {}

  /** Files done out of total; the first call draws the line, later ones at most every REDRAW_MS. */
  readonly update = (done: number, total: number): void => {
    if (total < PROGRESS_MIN_FILES || done >= total) return;
    const now = Date.now();
    if (this.shown && now - this.last < REDRAW_MS) return;
    this.last = now;
    this.write(`${CLEAR}policy-lint: ${done}/${total} files linted`);
    this.shown = true;
  };

  /** `notice`, for lines to standard error while the progress line may be shown: it is cleared first (the next update redraws it). */
  around(notice: (line: string) => void): (line: string) => void {
    return (line) => {
      this.end();
      notice(line);
    };
  }

  /** Clear the progress line, if it is shown. */
  end(): void {
    if (!this.shown) return;
    this.write(CLEAR);
    this.shown = false;
  }
}
