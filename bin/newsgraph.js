#!/usr/bin/env node
// Entry point of the `newsgraph` executable: runs the compiled CLI.
import { main } from "../dist/cli/main.js";

// A reader that stops early (`newsgraph … | head`) is not an error.
process.stdout.on("error", (err) => {
  if (err.code === "EPIPE") process.exit(0);
  throw err;
});

process.exitCode = await main(process.argv.slice(2));
