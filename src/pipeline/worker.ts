// A worker thread of the analysis pool: runs a pipeline (the default one, or
// the one a test names in workerData) over the raw inputs it is sent, within
// the analysis limits it was given; says when its pipeline is loaded and posts back the analysed documents
// (plain data and typed arrays, which structured cloning carries as they are),
// with what a store's put derives from them when the pool was asked to prepare it.
import { parentPort, workerData } from "node:worker_threads";
import { derivedOf } from "../doc/derived.js";
import { prepareForStore } from "../store/prepare.js";
import type { RawInput } from "../input/sources.js";
import { analyzeRaw } from "./analyze.js";
import { defaultPipeline } from "./default.js";
import type { Pipeline } from "./pipeline.js";
import type { PoolReply, PoolRequest, WorkerData, WorkerMessage } from "./pool.js";

const data = workerData as WorkerData;
const pipeline: Pipeline = data.pipelineModule ? ((await import(data.pipelineModule)) as { pipeline(): Pipeline }).pipeline() : defaultPipeline();
const port = parentPort;
if (!port) throw new Error("the analysis worker must run in a worker thread");

port.on("message", ({ id, raw }: PoolRequest) => {
  let reply: PoolReply;
  try {
    const doc = analyzeRaw(raw as RawInput, pipeline, data.limits);
    if (data.prepare) prepareForStore(doc);
    reply = { id, doc, derived: derivedOf(doc) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true } satisfies WorkerMessage);
