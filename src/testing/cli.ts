// The command line run in-process for tests: the program's exit code and what it
// wrote to standard output and standard error, not on a terminal.
import { main } from "../cli/main.js";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(...argv: string[]): Promise<CliRun> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s), isTTY: false });
  return { code, out, err };
}
