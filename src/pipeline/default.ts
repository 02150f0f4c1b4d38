// The default pipeline: the components every analysed document goes through, in order.
import { langIdComponent, sentenceComponent, tokenizeComponent } from "../text/components.js";
import { Pipeline } from "./pipeline.js";

export function defaultPipeline(): Pipeline {
  return new Pipeline([langIdComponent(), tokenizeComponent(), sentenceComponent()]);
}
