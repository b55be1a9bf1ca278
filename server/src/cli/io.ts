// What a command sees of the process: its folder, output streams, whether stdout is a terminal, the environment.
// Commands take it as a parameter, so tests run them in-process with captured output.
export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}
