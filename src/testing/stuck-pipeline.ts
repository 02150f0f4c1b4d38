// A pipeline for the pool's tests: one component that never returns on a text
// holding STUCK_WORD (a hung analysis) and does nothing otherwise.
import { Pipeline } from "../pipeline/pipeline.js";

export const STUCK_WORD = "STUCKFOREVER";

export function pipeline(): Pipeline {
  return new Pipeline([
    {
      name: "hang",
      reads: ["text"],
      writes: [],
      run(doc) {
        if (!doc.text.includes(STUCK_WORD)) return;
        for (;;) {
          // The worker is terminated from outside.
        }
      },
    },
  ]);
}
