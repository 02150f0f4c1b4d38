// `newsgraph worker` processes for the queue tests and the queue benchmark:
// started with their options, their JSON lines collected, killed or awaited.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../../bin/newsgraph.js", import.meta.url));

export interface WorkerLine {
  event: "stored" | "failed" | "done";
  job?: string;
  key?: string;
  source?: string;
  attempt?: number;
  status?: string;
  error?: string;
  added?: number;
  unchanged?: number;
  failed?: number;
  seconds?: number;
  cpuSeconds?: number;
}

export interface WorkerProcess {
  child: ChildProcess;
  lines: WorkerLine[];
  /** Resolves with the exit code (null when killed), standard error and the JSON lines. */
  exited: Promise<{ code: number | null; stderr: string; lines: WorkerLine[] }>;
}

/** Starts `newsgraph <args…>` (a worker, usually); `onLine` sees each JSON line. */
export function startCli(args: string[], onLine?: (l: WorkerLine, p: WorkerProcess) => void): WorkerProcess {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  const p: WorkerProcess = { child, lines: [], exited: Promise.resolve({ code: null, stderr: "", lines: [] }) };
  let rest = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => {
    rest += d.toString();
    const parts = rest.split("\n");
    rest = parts.pop() ?? "";
    for (const text of parts) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as WorkerLine;
      p.lines.push(line);
      onLine?.(line, p);
    }
  });
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  p.exited = new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr, lines: p.lines }));
  });
  return p;
}
