// The readable digest of an analysed article that `analyze` and `show` print.
import type { Doc } from "../doc/doc.js";
import { body, spanText, title } from "../doc/doc.js";
import { understandingDigest } from "./entity.js";

export interface DigestOptions {
  /** Sentences listed; Infinity for all. */
  sentences?: number;
}

const NUMBER = new Intl.NumberFormat("en-US");
const RULE_WIDTH = 72;

export function formatDigest(doc: Doc, options: DigestOptions = {}): string {
  const maxSentences = options.sentences ?? Infinity;
  const lines: string[] = [];
  const head = title(doc) || "(no headline)";
  lines.push(head, "─".repeat(Math.min(RULE_WIDTH, Math.max(8, head.length))));
  const field = (name: string, value: string) => lines.push(`  ${name.padEnd(10)}${value}`);
  field("id", doc.id);
  if (doc.meta.source) field("source", doc.meta.source);
  if (doc.meta.url) field("url", doc.meta.url);
  field("language", `${doc.lang} (confidence ${doc.langConfidence.toFixed(2)})`);
  if (doc.meta.published) field("published", doc.meta.published);
  if (doc.meta.authors?.length) field("authors", doc.meta.authors.join(", "));
  if (doc.meta.site) field("site", doc.meta.site);
  if (doc.meta.charset) field("charset", doc.meta.charset);
  const l = doc.layers;
  field(
    "size",
    `${NUMBER.format(body(doc).length)} characters · ${l.paragraphs.length} paragraphs · ${l.sentences.length} sentences · ${NUMBER.format(l.tokens.length)} tokens`,
  );
  const bodyStart = doc.meta.body?.start ?? 0;
  const bodySentences = l.sentences.filter((s) => s.start >= bodyStart);
  if (maxSentences > 0 && bodySentences.length) {
    lines.push("", "Sentences");
    const width = String(bodySentences.length).length;
    bodySentences.slice(0, maxSentences).forEach((s, i) => lines.push(`  ${String(i + 1).padStart(width)}  ${spanText(doc, s)}`));
    if (bodySentences.length > maxSentences) lines.push(`  … ${bodySentences.length - maxSentences} more`);
  }
  if (l.mentions?.length) {
    lines.push("", "Entities");
    const byType = new Map<string, Set<string>>();
    for (const m of l.mentions) {
      if (!byType.has(m.type)) byType.set(m.type, new Set());
      byType.get(m.type)!.add(m.text);
    }
    for (const [type, names] of byType) lines.push(`  ${type.padEnd(6)}${[...names].join(" · ")}`);
  }
  lines.push(...understandingDigest(doc));
  const quotes = l.quotes ?? [];
  if (quotes.length) {
    lines.push("", "Quotations");
    for (const q of quotes) {
      const who = q.speaker ? (q.speaker.name ?? q.speaker.description) : "(unknown speaker)";
      const text = q.kind === "direct" ? `«${q.text}»` : q.text;
      lines.push(`  • ${who} — ${q.cue ?? "—"} — ${text}${q.via ? ` (via ${q.via})` : ""}`);
    }
  }
  if (l.related.length) {
    lines.push("", `Related (${l.related.length}${doc.meta.relatedMarker ? `, after «${doc.meta.relatedMarker}»` : ""})`);
    for (const r of l.related) lines.push(`  • ${r.title}${r.url ? `  <${r.url}>` : ""}`);
  }
  return lines.join("\n") + "\n";
}
