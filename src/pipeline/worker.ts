// A worker thread of the analysis pool: runs the default pipeline over the raw
// inputs it is sent and posts back the analysed documents (plain data and
// typed arrays, which structured cloning carries as they are).
import { parentPort } from "node:worker_threads";
import type { RawInput } from "../input/sources.js";
import { analyzeRaw } from "./analyze.js";
import { defaultPipeline } from "./default.js";
import type { PoolReply, PoolRequest } from "./pool.js";

const pipeline = defaultPipeline();
const port = parentPort;
if (!port) throw new Error("the analysis worker must run in a worker thread");

port.on("message", ({ id, raw }: PoolRequest) => {
  let reply: PoolReply;
  try {
    reply = { id, doc: analyzeRaw(raw as RawInput, pipeline) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
