// The shapes the API answers with, declared once as zod schemas: each is a
// named component of the OpenAPI document and the TypeScript type of what the
// route returns. The article record is the JSON Schema of `analyze --json`
// (schema/doc.schema.json), registered as it is.
import { readFileSync } from "node:fs";
import { z } from "@hono/zod-openapi";
import type { DocRecord } from "../../doc/record.js";

const nullableString = z.string().nullable();
const count = z.number().int().min(0);

export const SpanSchema = z.object({ start: count, end: count }).openapi("Span");

export const ArticleSummarySchema = z
  .object({
    id: z.string(),
    title: z.string(),
    lang: z.string(),
    published: nullableString,
    url: nullableString,
    site: nullableString.openapi({ description: "The outlet (its domain or name)" }),
    source: nullableString,
    ingestedAt: z.string(),
  })
  .openapi("ArticleSummary");

export const SearchHitSchema = ArticleSummarySchema.extend({
  score: z.number().openapi({ description: "BM25 relevance, higher is better" }),
  snippet: z.string(),
  highlights: z.array(SpanSchema).openapi({ description: "The matched words inside the snippet" }),
  quotes: count.openapi({ description: "Quotations in the article" }),
  entities: count.openapi({ description: "Registry entities the article mentions" }),
}).openapi("SearchHit");

export const ValueCountSchema = z.object({ value: z.string(), articles: count }).openapi("ValueCount");
export const EntityCountSchema = z.object({ id: z.number().int(), name: z.string(), type: z.string(), articles: count }).openapi("EntityCount");
export const DayArticlesSchema = z.object({ day: z.string(), articles: count }).openapi("DayArticles");

const next = z.string().nullable().openapi({ description: "The cursor of the next page (pass it as `cursor` with the same query); null on the last page" });
const unresolved = z.array(z.string()).openapi({ description: "Names of the query that no registry entity matches (then nothing matches)" });

export const SearchResponseSchema = z
  .object({
    query: z.string(),
    total: count.openapi({ description: "Matching articles: all of them, or, when totalExact is false, those among the newest counted (at least that many match)" }),
    totalExact: z.boolean().openapi({ description: "False when more articles matched than `newest`: the total, facets and perDay then count the newest, and the hits are ranked among them" }),
    hits: z.array(SearchHitSchema),
    next,
    facets: z.object({
      languages: z.array(ValueCountSchema),
      outlets: z.array(ValueCountSchema),
      entities: z.array(EntityCountSchema),
      speakers: z.array(EntityCountSchema),
      sampled: count.openapi({ description: "The matching articles (the most recently stored) that entities and speakers were counted in" }),
    }),
    perDay: z.array(DayArticlesSchema).openapi({ description: "Matching articles by publication day, oldest first" }),
    unresolved,
  })
  .openapi("SearchResponse");

export const ArticleListSchema = z.object({ total: count, articles: z.array(ArticleSummarySchema), next }).openapi("ArticleList");

export const EntitySchema = z
  .object({
    id: z.number().int(),
    key: z.string(),
    type: z.string().openapi({ description: "PER, ORG, LOC or MISC" }),
    name: z.string(),
    names: z.record(z.string(), z.string()).openapi({ description: "The entity's name by language code" }),
    transliterated: z.array(z.string()).openapi({ description: "Languages whose name is a transliteration until a spelling written in that language is met" }),
    code: nullableString.openapi({ description: "ISO 3166 code of a country" }),
    mentions: count,
    articles: count,
  })
  .openapi("Entity");

export const EntityListSchema = z.object({ query: z.string(), entities: z.array(EntitySchema), next }).openapi("EntityList");

export const EntityQuoteSchema = z
  .object({ articleId: z.string(), published: nullableString, kind: z.string(), text: z.string(), cue: nullableString, via: nullableString })
  .openapi("EntityQuote");

const entityRef = z.object({ id: z.number().int(), name: z.string() }).nullable();

export const EventSchema = z
  .object({
    articleId: z.string(),
    title: z.string(),
    published: nullableString,
    type: z.string(),
    subtype: nullableString,
    actor: entityRef,
    target: entityRef,
    instrument: nullableString,
    quantity: nullableString,
    polarity: z.string(),
    modality: z.string(),
    time: nullableString,
    assertedBy: nullableString.openapi({ description: "Who says it happened (null: the article itself)" }),
    evidence: z.string().openapi({ description: "The sentence it was read from" }),
  })
  .openapi("Event");

export const EntityReportSchema = z
  .object({
    entity: EntitySchema,
    aliases: z.array(z.object({ alias: z.string(), lang: z.string(), count: count })),
    links: z.array(z.object({ articleId: z.string(), localId: z.string(), rule: z.string(), detail: z.string() })).openapi({ description: "Why each article's entity was linked to this one" }),
    articles: z.array(
      z.object({ id: z.string(), title: z.string(), published: nullableString, ingestedAt: z.string(), mentions: count, localIds: z.array(z.string()) }),
    ),
    quotesBy: z.array(EntityQuoteSchema).openapi({ description: "Quotations the entity said" }),
    quotesAbout: z.array(EntityQuoteSchema).openapi({ description: "Quotations that name the entity" }),
    events: z.array(EventSchema).openapi({ description: "Events with the entity as actor or target" }),
    cooccurring: z.array(EntityCountSchema).openapi({ description: "Entities most often in its articles (its 200 latest)" }),
    mentionsPerDay: z.array(z.object({ day: z.string(), mentions: count })),
    next: next.openapi({ description: "The cursor of the next page of every list; null when every list is complete" }),
  })
  .openapi("EntityReport");

export const QuoteSchema = z
  .object({
    articleId: z.string(),
    title: z.string(),
    published: nullableString,
    lang: z.string(),
    kind: z.string().openapi({ description: "direct, reported, mixed …" }),
    start: count,
    end: count,
    text: z.string(),
    speaker: nullableString,
    speakerEntityId: z.number().int().nullable(),
    role: nullableString,
    cue: nullableString,
    stance: nullableString,
    polarity: nullableString,
    via: nullableString,
    citing: nullableString,
  })
  .openapi("Quote");

export const QuoteListSchema = z.object({ total: count, quotes: z.array(QuoteSchema), next }).openapi("QuoteList");
export const EventListSchema = z.object({ total: count, events: z.array(EventSchema), next, unresolved }).openapi("EventList");

export const GRAPH_EDGE_KINDS = ["cooccurrence", "speaker", "actor"] as const;

export const GraphSchema = z
  .object({
    nodes: z.array(z.object({ id: z.string(), label: z.string(), type: z.string(), weight: z.number() })),
    edges: z.array(z.object({ source: z.string(), target: z.string(), kind: z.enum(GRAPH_EDGE_KINDS), weight: z.number() })),
    sampled: count.openapi({ description: "The articles the graph was drawn from" }),
  })
  .openapi("Graph");

export const StatsSchema = z
  .object({
    articles: count,
    byLang: z.record(z.string(), count),
    indexed: count,
    bytesPerArticle: z.number(),
    schemaVersion: z.number().int(),
  })
  .openapi("Stats");

export const HealthSchema = z.object({ status: z.literal("ok") }).openapi("Health");

export const PutResultSchema = z.object({ status: z.enum(["added", "updated", "unchanged"]), id: z.string() }).openapi("PutResult");

/** The JSON Schema of the article record (`analyze --json`), as a component of the OpenAPI document. */
const DOC_SCHEMA_FILE = new URL("../../../schema/doc.schema.json", import.meta.url);

function articleRecordSchema(): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = JSON.parse(readFileSync(DOC_SCHEMA_FILE, "utf8")) as Record<string, unknown>;
  return schema;
}

type OpenApiMetadata = Parameters<ReturnType<typeof z.custom>["openapi"]>[1];

/** The record is checked by its JSON Schema in the tests; here it is typed, and documented by that schema. */
export const ArticleRecordSchema = z
  .custom<DocRecord>((value) => typeof value === "object" && value !== null)
  .openapi("ArticleRecord", articleRecordSchema() as OpenApiMetadata);
