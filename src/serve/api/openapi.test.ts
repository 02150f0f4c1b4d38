import { strict as assert } from "node:assert";
import { after, before, test } from "node:test";
import { Ajv2020 } from "ajv/dist/2020.js";
import { buildServeStore, fixtureText, type ServeStore } from "../../testing/serve-store.js";
import { createApp } from "../app.js";

/** Keywords an OpenAPI 3.1 Schema Object may hold beside JSON Schema 2020-12's. */
const OPENAPI_KEYWORDS = ["example", "discriminator", "xml", "externalDocs"];
const COMPONENTS_ID = "https://newsgraph.invalid/openapi";
const COMPONENT_REF = /^#\/components\/schemas\//u;
const TOKEN = "t";

/** Every route of the API: method and path as the document writes them. */
const ROUTES = [
  ["get", "/search"],
  ["post", "/search"],
  ["get", "/articles"],
  ["get", "/articles/{id}"],
  ["post", "/articles"],
  ["post", "/analyze"],
  ["get", "/entities"],
  ["get", "/entities/{id}"],
  ["get", "/quotes"],
  ["get", "/events"],
  ["get", "/graph"],
  ["get", "/stats"],
  ["get", "/health"],
];

let fx: ServeStore;
let app: ReturnType<typeof createApp>;
/** The OpenAPI document, as parsed. */
let doc: ReturnType<typeof JSON.parse>;

before(async () => {
  fx = await buildServeStore();
  app = createApp({ store: fx.store, token: TOKEN });
  doc = await (await app.request("/api/openapi.json")).json();
});
after(() => fx.close());

/** A copy with the document's component references pointed into COMPONENTS_ID's $defs. */
function rebased(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebased);
  if (!schema || typeof schema !== "object") return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [k, k === "$ref" && typeof v === "string" && COMPONENT_REF.test(v) ? v.replace(COMPONENT_REF, `${COMPONENTS_ID}#/$defs/`) : rebased(v)]),
  );
}

function strictAjv() {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addVocabulary(OPENAPI_KEYWORDS);
  ajv.addSchema({ $id: COMPONENTS_ID, $defs: rebased(doc.components.schemas) });
  return ajv;
}

test("the document is OpenAPI 3.1 and lists every route", () => {
  assert.equal(doc.openapi, "3.1.0");
  assert.deepEqual(doc.servers, [{ url: "/api" }]);
  const listed = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item as object).map((m) => `${m} ${path}`));
  assert.deepEqual(listed.sort(), ROUTES.map(([m, p]) => `${m} ${p}`).sort());
  for (const [m, p] of ROUTES) {
    const op = doc.paths[p][m];
    assert.ok(op.summary, `${m} ${p} has a summary`);
    assert.ok(op.responses["200"] || op.responses["201"], `${m} ${p} documents its success`);
  }
  assert.deepEqual(doc.paths["/articles"].post.security, [{ bearer: [] }]);
  assert.equal(doc.components.securitySchemes.bearer.scheme, "bearer");
});

test("every schema of the document is valid JSON Schema 2020-12, compiled in strict mode", () => {
  const ajv = strictAjv();
  for (const [name, schema] of Object.entries(doc.components.schemas)) assert.ok(ajv.validateSchema(rebased(schema) as object), `component ${name}: ${ajv.errorsText(ajv.errors)}`);
  const schemas: [string, unknown][] = Object.keys(doc.components.schemas).map((name) => [`component ${name}`, { $ref: `#/components/schemas/${name}` }]);
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, { parameters?: { name: string; schema: unknown }[]; requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>)) {
      for (const p of op.parameters ?? []) schemas.push([`${method} ${path} parameter ${p.name}`, p.schema]);
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) schemas.push([`${method} ${path} body ${type}`, media.schema]);
      for (const [status, r] of Object.entries(op.responses)) for (const [type, media] of Object.entries(r.content ?? {})) schemas.push([`${method} ${path} ${status} ${type}`, media.schema]);
    }
  }
  assert.ok(schemas.length > 80);
  for (const [where, schema] of schemas) {
    assert.ok(ajv.validateSchema(rebased(schema) as object), `${where}: ${ajv.errorsText(ajv.errors)}`);
    assert.doesNotThrow(() => ajv.compile(rebased(schema) as object), where);
  }
});

test("real responses validate against the schemas the document gives for their route, status and media type", async () => {
  const ajv = strictAjv();
  const [ryabkov] = ((await (await app.request("/api/entities?q=Ryabkov")).json()) as { entities: { id: number }[] }).entities;
  const articleId = fx.ids["el-cyprus-energy.txt"];
  const json = { "content-type": "application/json" };
  const requests: [string, string, string, RequestInit?][] = [
    ["get", "/search", "/api/search?q=Ιράν%20OR%20Iran%20OR%20πατρα&limit=3"],
    ["get", "/search", "/api/search?q=Ιράν&entity=Ζζζζ"],
    ["get", "/search", "/api/search"],
    ["post", "/search", "/api/search", { method: "POST", headers: json, body: JSON.stringify({ q: "κυπρος" }) }],
    ["get", "/articles", "/api/articles?limit=2"],
    ["get", "/articles/{id}", `/api/articles/${articleId}`],
    ["get", "/articles/{id}", "/api/articles/0000000000000000"],
    ["post", "/analyze", "/api/analyze", { method: "POST", headers: json, body: JSON.stringify({ text: fixtureText("en-ryabkov-sanctions.txt") }) }],
    ["post", "/analyze", "/api/analyze", { method: "POST", headers: json, body: "{}" }],
    ["post", "/articles", "/api/articles", { method: "POST", headers: json, body: JSON.stringify({ text: "x" }) }],
    ["post", "/articles", "/api/articles", { method: "POST", headers: { ...json, authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ text: "Τίτλος\n\nΗ Λάρισα και ο Βόλος." }) }],
    ["get", "/entities", "/api/entities?q=Ryabkov"],
    ["get", "/entities/{id}", `/api/entities/${ryabkov.id}`],
    ["get", "/entities/{id}", "/api/entities/99999"],
    ["get", "/quotes", "/api/quotes?limit=5"],
    ["get", "/events", "/api/events?actor=Iran"],
    ["get", "/graph", "/api/graph?q=Ryabkov"],
    ["get", "/stats", "/api/stats"],
    ["get", "/health", "/api/health"],
  ];
  for (const [method, path, url, init] of requests) {
    const res = await app.request(url, init);
    const type = (res.headers.get("content-type") ?? "").split(";")[0];
    const schema = doc.paths[path][method].responses[String(res.status)]?.content?.[type]?.schema;
    assert.ok(schema, `${url}: the document has no schema for ${res.status} ${type}`);
    const validate = ajv.compile(rebased(schema) as object);
    assert.ok(validate(await res.json()), `${url} ${res.status}: ${ajv.errorsText(validate.errors)}`);
  }
});
