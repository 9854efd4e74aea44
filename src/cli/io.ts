/**
 * What the command line reads and writes: standard output and error, the
 * current folder, the environment, standard input and the terminal. Tests
 * pass their own; a real run uses the process's.
 */
export interface CliIO {
  stdout: (text: string) => void;
  /** Bytes to standard output as they are (`--stdin --fix` writes the text back in its own encoding); default: decoded as UTF-8 to stdout. */
  stdoutBytes?: (bytes: Uint8Array) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** Standard error is a terminal (a progress line may be drawn on it). */
  stderrIsTTY?: boolean;
  /** The terminal's width in columns, when standard output is a terminal. */
  columns?: number;
  /** Standard input, read whole (for --stdin). */
  stdin?: () => Promise<Uint8Array>;
  /** Ask one question on the terminal (--init); absent when standard input or output is not a terminal. */
  ask?: (question: string) => Promise<string>;
}

async function askOnTerminal(question: string): Promise<string> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * A reader that stops reading (`policy-lint ... | head -3`) closes the pipe: the next write fails with EPIPE,
 * which Node reports as an unhandled 'error' event with a stack trace. A closed pipe is no error of the
 * run's: it ends quietly, as other command-line tools do (the exit code is the run's so far, else 0).
 */
let pipesWatched = false;
function endQuietlyOnClosedPipe(): void {
  if (pipesWatched) return;
  pipesWatched = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit();
      throw error;
    });
  }
}

export const defaultIO = (): CliIO => (
  endQuietlyOnClosedPipe(),
  {
    stdout: (t) => process.stdout.write(t),
    stdoutBytes: (b) => process.stdout.write(b),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
    stdin: readStdin,
    ...(process.stdin.isTTY && process.stdout.isTTY ? { ask: askOnTerminal } : {}),
  }
);
