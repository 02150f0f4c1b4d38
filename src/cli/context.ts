// What every CLI command shares: output streams, exit codes, option parsing
// helpers and the error class for usage mistakes.
import { READ_DEFAULTS, type ReadOptions } from "../input/sources.js";

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export interface CommandContext {
  out(s: string): void;
  err(s: string): void;
  /** Is standard error a terminal (progress bars, colour)? */
  isTTY: boolean;
  code: number;
}

export class UsageError extends Error {
  override name = "UsageError";
}

export function positiveInt(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${option} must be a positive whole number, not "${value}"`);
  return n;
}

export interface InputFlags {
  maxBytes?: string;
  timeout?: string;
  allowPrivate?: boolean;
}

export function readOptions(flags: InputFlags): ReadOptions {
  return {
    maxBytes: positiveInt(flags.maxBytes, "--max-bytes", READ_DEFAULTS.maxBytes),
    timeoutMs: positiveInt(flags.timeout, "--timeout", READ_DEFAULTS.timeoutMs),
    allowPrivate: Boolean(flags.allowPrivate),
  };
}

const BOLD = "\x1b[1m";
const RESET = "\x1b[0m";

/** Mark the given spans of a string: bold on a terminal, [brackets] elsewhere. */
export function highlight(text: string, spans: { start: number; end: number }[], tty: boolean): string {
  let out = "";
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + (tty ? BOLD : "[") + text.slice(s.start, s.end) + (tty ? RESET : "]");
    at = s.end;
  }
  return out + text.slice(at);
}
