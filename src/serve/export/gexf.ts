// GEXF 1.3 (https://gexf.net/1.3) of an entity graph, for Gephi and
// graphology: nodes with their label, type and weight; edges with their kind
// and weight, co-occurrence undirected, speaker and actor edges directed.
// Every text is escaped for XML and characters XML 1.0 cannot hold are left out.
export const GEXF_MEDIA_TYPE = "application/gexf+xml; charset=utf-8";

export interface GexfNode {
  id: string;
  label: string;
  type: string;
  weight: number;
}

export interface GexfEdge {
  source: string;
  target: string;
  kind: string;
  weight: number;
}

export interface GexfOptions {
  /** What the graph shows (the query or the entity it was drawn for). */
  description?: string;
  /** Kinds of edge that have no direction. */
  undirected?: readonly string[];
}

const CREATOR = "newsgraph";
/** Characters outside XML 1.0's Char production (controls, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const XML_SPECIAL = /[&<>"']/gu;

export function xmlEscape(text: string): string {
  return text.replace(NOT_XML_CHAR, "").replace(XML_SPECIAL, (c) => XML_ESCAPES[c]);
}

/** The GEXF document, one line per node and edge. */
export function gexfDocument(graph: { nodes: readonly GexfNode[]; edges: readonly GexfEdge[] }, options: GexfOptions = {}): string {
  const undirected = new Set(options.undirected ?? []);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">',
    `  <meta><creator>${CREATOR}</creator>${options.description ? `<description>${xmlEscape(options.description)}</description>` : ""}</meta>`,
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node">',
    '      <attribute id="type" title="type" type="string"/>',
    '      <attribute id="weight" title="weight" type="double"/>',
    "    </attributes>",
    '    <attributes class="edge">',
    '      <attribute id="kind" title="kind" type="string"/>',
    "    </attributes>",
    "    <nodes>",
  ];
  for (const n of graph.nodes) {
    lines.push(
      `      <node id="${xmlEscape(n.id)}" label="${xmlEscape(n.label)}"><attvalues><attvalue for="type" value="${xmlEscape(n.type)}"/><attvalue for="weight" value="${n.weight}"/></attvalues></node>`,
    );
  }
  lines.push("    </nodes>", "    <edges>");
  graph.edges.forEach((e, i) => {
    const type = undirected.has(e.kind) ? ' type="undirected"' : "";
    lines.push(
      `      <edge id="${i}" source="${xmlEscape(e.source)}" target="${xmlEscape(e.target)}"${type} label="${xmlEscape(e.kind)}" weight="${e.weight}"><attvalues><attvalue for="kind" value="${xmlEscape(e.kind)}"/></attvalues></edge>`,
    );
  });
  lines.push("    </edges>", "  </graph>", "</gexf>", "");
  return lines.join("\n");
}
