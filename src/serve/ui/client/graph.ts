// Client script: the entity network (sigma + graphology). The element with
// data-graph-src is filled from that /api/graph address
// ({nodes: [{id, label, type, weight}], edges: [{source, target, kind, weight}]}),
// laid out with ForceAtlas2; a click on an entity opens its page. The page
// lists the same entities as links for keyboards, screen readers and no script.
import Graph from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import Sigma from "sigma";

interface GraphNode {
  id: string | number;
  label: string;
  type: string;
  weight: number;
}

interface GraphEdge {
  source: string | number;
  target: string | number;
  kind: "cooccurrence" | "speaker" | "actor";
  weight: number;
}

interface GraphData {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The colours of entity types and edge kinds (the page's legend uses the same). */
const TYPE_COLOURS: Record<string, string> = { PER: "#b45309", ORG: "#6d28d9", LOC: "#047857", MISC: "#be185d" };
const OTHER_COLOUR = "#4b5563";
const EDGE_COLOURS: Record<GraphEdge["kind"], string> = { cooccurrence: "#94a3b8", speaker: "#2563eb", actor: "#dc2626" };
const MIN_NODE_SIZE = 4;
const MAX_NODE_SIZE = 18;
const LAYOUT_ITERATIONS = 300;
const REGISTRY_ID = /^\d+$/;

function setStatus(status: HTMLElement | null, key: "loading" | "empty" | "failed" | null): void {
  if (!status) return;
  status.textContent = key ? (status.dataset[key] ?? "") : "";
  status.hidden = key === null;
}

function buildGraph(data: GraphData): Graph {
  const graph = new Graph({ type: "mixed", multi: true });
  const maxWeight = Math.max(1, ...data.nodes.map((n) => n.weight));
  data.nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / data.nodes.length;
    graph.mergeNode(String(n.id), {
      label: n.label,
      x: Math.cos(angle),
      y: Math.sin(angle),
      size: MIN_NODE_SIZE + (MAX_NODE_SIZE - MIN_NODE_SIZE) * Math.sqrt(n.weight / maxWeight),
      color: TYPE_COLOURS[n.type] ?? OTHER_COLOUR,
    });
  });
  for (const e of data.edges) {
    const [s, t] = [String(e.source), String(e.target)];
    if (!graph.hasNode(s) || !graph.hasNode(t) || s === t) continue;
    graph.addEdge(s, t, { size: Math.min(6, 0.5 + Math.log2(1 + e.weight)), color: EDGE_COLOURS[e.kind] ?? OTHER_COLOUR });
  }
  return graph;
}

async function main(): Promise<void> {
  const container = document.querySelector<HTMLElement>("[data-graph-src]");
  if (!container?.dataset.graphSrc) return;
  const status = document.getElementById("graph-status");
  setStatus(status, "loading");
  try {
    const res = await fetch(container.dataset.graphSrc, { headers: { Accept: "application/json" } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const data = (await res.json()) as GraphData;
    if (!data.nodes.length) {
      setStatus(status, "empty");
      return;
    }
    const graph = buildGraph(data);
    forceAtlas2.assign(graph, { iterations: LAYOUT_ITERATIONS, settings: forceAtlas2.inferSettings(graph) });
    const renderer = new Sigma(graph, container, { settings: { itemSizesReference: "screen", autoRescaleContent: "labels", labelRenderedSizeThreshold: 6 } });
    renderer.on("clickNode", ({ node }) => {
      if (REGISTRY_ID.test(node)) window.location.assign(`/entities/${node}`);
    });
    renderer.on("enterNode", () => container.classList.add("pointing"));
    renderer.on("leaveNode", () => container.classList.remove("pointing"));
    container.dataset.drawn = String(graph.order);
    setStatus(status, null);
  } catch {
    setStatus(status, "failed");
  }
}

void main();
