// The API's documentation page (/api/docs), rendered on the server from the
// OpenAPI document: every route with its parameters, body and responses, and
// every schema. Plain HTML and a stylesheet of this server (no script, no
// CDN); every text from the document is escaped by hono/html.
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/** The parts of an OpenAPI 3.1 document the page shows. */
export interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  servers?: { url: string }[];
  paths?: Record<string, Record<string, Operation | undefined> | undefined>;
  components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
}

interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  security?: Record<string, unknown>[];
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: Record<string, unknown>;
}

export const DOCS_STYLESHEET_PATH = "docs.css";
const METHODS = ["get", "post", "put", "patch", "delete"];
const REF_PREFIX = "#/components/schemas/";

export const DOCS_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:70rem;padding:1rem 2rem;color:#1b1b1b}
h1,h2,h3{line-height:1.2}h2{border-top:1px solid #ccc;padding-top:1rem;margin-top:2rem}
code,pre{font:14px/1.4 ui-monospace,monospace}pre{background:#f5f5f5;padding:.75rem;overflow:auto;max-height:30rem}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
.method{display:inline-block;min-width:4rem;font-weight:700;text-transform:uppercase}
a:focus,summary:focus{outline:3px solid #1a5fb4;outline-offset:2px}nav ul{columns:2}`;

const anchor = (method: string, path: string) => `${method}-${path.replace(/[^A-Za-z0-9]+/gu, "-")}`;

/** A schema in a word or two: its component name (linked), or its type with its constraints. */
function schemaLabel(schema: unknown): HtmlEscapedString | Promise<HtmlEscapedString> {
  if (!schema || typeof schema !== "object") return html`any`;
  const s = schema as Record<string, unknown>;
  if (typeof s.$ref === "string" && s.$ref.startsWith(REF_PREFIX)) {
    const name = s.$ref.slice(REF_PREFIX.length);
    return html`<a href="#schema-${name}">${name}</a>`;
  }
  const parts: string[] = [];
  if (Array.isArray(s.enum)) parts.push(`one of ${s.enum.map((v) => JSON.stringify(v)).join(", ")}`);
  else if (s.type !== undefined) parts.push(Array.isArray(s.type) ? s.type.join(" | ") : String(s.type));
  for (const k of ["minimum", "maximum", "minLength", "maxLength", "pattern", "default"]) if (s[k] !== undefined) parts.push(`${k} ${JSON.stringify(s[k])}`);
  return html`${parts.join(", ") || "object"}`;
}

function content(c: Record<string, { schema?: unknown }> | undefined) {
  return Object.entries(c ?? {}).map(([type, media]) => html`<code>${type}</code> ${schemaLabel(media.schema)}<br />`);
}

function operation(path: string, method: string, op: Operation, base: string) {
  const params = op.parameters ?? [];
  return html`<section id="${anchor(method, path)}">
    <h2><span class="method">${method}</span> <code>${base}${path}</code></h2>
    ${op.summary ? html`<p>${op.summary}</p>` : ""} ${op.description ? html`<p>${op.description}</p>` : ""}
    ${op.security?.length ? html`<p>Needs <code>Authorization: Bearer &lt;token&gt;</code> (the server's <code>NEWSGRAPH_TOKEN</code>).</p>` : ""}
    ${params.length
      ? html`<table>
          <caption>Parameters</caption>
          <thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">schema</th><th scope="col">description</th></tr></thead>
          <tbody>${params.map((p) => html`<tr><td><code>${p.name}</code>${p.required ? " (required)" : ""}</td><td>${p.in}</td><td>${schemaLabel(p.schema)}</td><td>${p.description ?? ""}</td></tr>`)}</tbody>
        </table>`
      : ""}
    ${op.requestBody ? html`<h3>Body${op.requestBody.required ? " (required)" : ""}</h3><p>${content(op.requestBody.content)}</p>` : ""}
    <table>
      <caption>Responses</caption>
      <thead><tr><th scope="col">status</th><th scope="col">description</th><th scope="col">content</th></tr></thead>
      <tbody>${Object.entries(op.responses ?? {}).map(([status, r]) => html`<tr><td>${status}</td><td>${r.description ?? ""}</td><td>${content(r.content)}</td></tr>`)}</tbody>
    </table>
  </section>`;
}

/** The documentation page of an OpenAPI document; `openapiUrl` is where the document itself is served. */
export function docsPage(doc: OpenApiDocument, openapiUrl: string): HtmlEscapedString | Promise<HtmlEscapedString> {
  const base = doc.servers?.[0]?.url ?? "";
  const ops = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((m) => {
      const op = item?.[m];
      return op ? [{ path, method: m, op }] : [];
    }),
  );
  const schemas = Object.entries(doc.components?.schemas ?? {});
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${doc.info.title} ${doc.info.version}</title>
    <link rel="stylesheet" href="${DOCS_STYLESHEET_PATH}" />
  </head>
  <body>
    <main>
      <h1>${doc.info.title} <small>${doc.info.version}</small></h1>
      ${doc.info.description ? html`<p>${doc.info.description}</p>` : ""}
      <p>The OpenAPI 3.1 document: <a href="${openapiUrl}"><code>${openapiUrl}</code></a>. Errors are <code>application/problem+json</code> (RFC 9457).</p>
      <nav aria-label="Routes">
        <ul>${ops.map(({ path, method, op }) => html`<li><a href="#${anchor(method, path)}"><span class="method">${method}</span> <code>${base}${path}</code></a> ${op.summary ?? ""}</li>`)}</ul>
      </nav>
      ${ops.map(({ path, method, op }) => operation(path, method, op, base))}
      <h2 id="schemas">Schemas</h2>
      ${schemas.map(([name, schema]) => html`<section id="schema-${name}"><h3>${name}</h3><pre>${JSON.stringify(schema, null, 2)}</pre></section>`)}
    </main>
  </body>
</html>`;
}

