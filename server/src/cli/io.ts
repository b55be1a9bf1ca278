// What a command sees of the process: its folder, output streams, whether stdout is a terminal, the environment.
// Commands take it as a parameter, so tests run them in-process with captured output.
export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  /** Bytes as they are (an answer printed before, see cli/lint.ts); where absent, they are decoded and go to `stdout`. */
  stdoutBytes?(bytes: Uint8Array): void;
  stderr(text: string): void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}
