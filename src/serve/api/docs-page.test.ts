import { strict as assert } from "node:assert";
import { test } from "node:test";
import { docsPage, type OpenApiDocument } from "./docs-page.js";

const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

const doc: OpenApiDocument = {
  info: { title: "API", version: "1", description: HOSTILE },
  servers: [{ url: "/api" }],
  paths: {
    "/things/{id}": {
      get: {
        summary: `Things ${HOSTILE}`,
        parameters: [{ name: "id", in: "path", required: true, description: HOSTILE, schema: { type: "string", pattern: "^[a-z]+$", maxLength: 9 } }],
        responses: { "200": { description: "A thing", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } },
      },
      post: {
        summary: "Write a thing",
        security: [{ bearer: [] }],
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } },
        responses: { "201": { description: "Written" } },
      },
    },
  },
  components: { schemas: { Thing: { type: "object", description: HOSTILE } } },
};

test("every route, parameter, body, response and schema is on the page, linked", async () => {
  const page = String(await docsPage(doc, "/api/openapi.json"));
  assert.match(page, /<span class="method">get<\/span> <code>\/api\/things\/\{id\}<\/code>/u);
  assert.match(page, /<a href="#get--things-id-">/u);
  assert.match(page, /<section id="get--things-id-">/u);
  assert.match(page, /<code>id<\/code> \(required\)/u);
  assert.match(page, /string, maxLength 9, pattern &quot;\^\[a-z\]\+\$&quot;/u);
  assert.match(page, /<h3>Body \(required\)<\/h3>/u);
  assert.match(page, /Needs <code>Authorization: Bearer &lt;token&gt;<\/code>/u);
  assert.match(page, /<a href="#schema-Thing">Thing<\/a>/u);
  assert.match(page, /<section id="schema-Thing"><h3>Thing<\/h3><pre>/u);
  assert.match(page, /<a href="\/api\/openapi.json">/u);
});

test("text from the document is escaped: the page holds no markup of its own making", async () => {
  const page = String(await docsPage(doc, "/api/openapi.json"));
  assert.doesNotMatch(page, /<script|<img/iu);
  assert.match(page, /&lt;script&gt;alert\(/u);
  assert.doesNotMatch(page, /<style|style=/u);
});
