import { strict as assert } from "node:assert";
import { test } from "node:test";
import { MultiGraph } from "graphology";
import { parse } from "graphology-gexf";
import { gexfDocument, xmlEscape } from "./gexf.js";

test("XML specials are escaped and characters XML cannot hold are left out", () => {
  assert.equal(xmlEscape(`<script>"x" & 'y'</script>`), "&lt;script&gt;&quot;x&quot; &amp; &apos;y&apos;&lt;/script&gt;");
  assert.equal(xmlEscape("a\u0000b\u0007c\uFFFEd\uD800e😀"), "abcde😀");
  assert.equal(xmlEscape("Σεργκέι Ριαμπκόφ\n"), "Σεργκέι Ριαμπκόφ\n");
});

test("a graph written as GEXF reads back in graphology with its nodes, edges, kinds and weights", () => {
  const xml = gexfDocument(
    {
      nodes: [
        { id: "1", label: "Σεργκέι Ριαμπκόφ", type: "PER", weight: 3 },
        { id: "2", label: `Ιράν <img src=x onerror="alert(1)">`, type: "LOC", weight: 2 },
        { id: "3", label: "Russia & co", type: "LOC", weight: 1 },
      ],
      edges: [
        { source: "1", target: "2", kind: "cooccurrence", weight: 2 },
        { source: "1", target: "2", kind: "speaker", weight: 1 },
        { source: "2", target: "3", kind: "actor", weight: 4 },
      ],
    },
    { description: 'graph of "ριαμπκοφ"', undirected: ["cooccurrence"] },
  );
  assert.match(xml, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<gexf xmlns="http:\/\/gexf.net\/1.3"/u);
  const g = parse(MultiGraph, xml);
  assert.equal(g.order, 3);
  assert.equal(g.size, 3);
  assert.equal(g.getNodeAttribute("2", "label"), `Ιράν <img src=x onerror="alert(1)">`);
  assert.equal(g.getNodeAttribute("1", "type"), "PER");
  assert.equal(g.getNodeAttribute("1", "weight"), 3);
  const kinds = g.mapEdges((_e, a, s, t, _sa, _ta, undirected) => `${s}-${t}:${a.kind}:${a.weight}:${undirected ? "u" : "d"}`).sort();
  assert.deepEqual(kinds, ["1-2:cooccurrence:2:u", "1-2:speaker:1:d", "2-3:actor:4:d"]);
});
