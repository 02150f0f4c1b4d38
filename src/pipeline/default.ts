// The default pipeline: the components every analysed document goes through, in order.
import { nerComponent, posComponent } from "../models/components.js";
import { langIdComponent, sentenceComponent, tokenizeComponent } from "../text/components.js";
import { quotesComponent } from "../understand/quotes/component.js";
import { entitiesComponent } from "../understand/entities/component.js";
import { timexComponent } from "../understand/time/component.js";
import { eventsComponent } from "../understand/events/component.js";
import { Pipeline } from "./pipeline.js";

export function defaultPipeline(): Pipeline {
  return new Pipeline([
    langIdComponent(),
    tokenizeComponent(),
    sentenceComponent(),
    posComponent(),
    nerComponent(),
    quotesComponent(),
    entitiesComponent(),
    timexComponent(),
    eventsComponent(),
  ]);
}
