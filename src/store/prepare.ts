// What a store's put computes from a document without reading the store: its
// identity hash, record and token blobs, packed text, search keys, body
// fingerprint and story features. An analysis worker computes them beside the analysis
// (doc/derived.ts carries them with the document), so the one thread that
// writes the store only writes: with --jobs N that thread is the bottleneck.
import type { Doc } from "../doc/doc.js";
import { articleFeatures } from "../stories/features.js";
import { fingerprint } from "../stories/fingerprint.js";
import { articleBlobs, articleIdentity, articleKeys, packedText } from "./article-row.js";

export function prepareForStore(doc: Doc): void {
  articleIdentity(doc);
  articleBlobs(doc);
  packedText(doc);
  articleKeys(doc);
  fingerprint(doc);
  articleFeatures(doc);
}
