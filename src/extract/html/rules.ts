// Language-independent heuristics of the HTML extractor, as data: tag classes,
// class/id hint patterns and block-weight constants. The code in body.ts and
// meta.ts reads these tables; language-specific words live in lang/<code>/extract-*.json.

/** Tags that do not break a line of text. Everything else starts a new block. */
export const INLINE_TAGS = new Set([
  "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font",
  "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span",
  "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "picture", "source", "ruby", "rb", "rt", "rp",
]);

/** Elements that are page furniture wherever they appear below the article container. */
export const FURNITURE_TAGS = new Set(["nav", "footer", "aside", "menu", "dialog", "form", "fieldset", "header", "figcaption"]);

/** ARIA roles of page furniture. */
export const FURNITURE_ROLES = new Set([
  "navigation", "banner", "contentinfo", "complementary", "menu", "menubar", "dialog", "alertdialog", "search", "toolbar",
]);

/**
 * Class and id hints, judged per class token (and the id). A token is normalised
 * by splitting camelCase and turning every separator into "-", in lower case
 * ("ArticleBody__main" → "article-body-main"). Prefixes match at the start of a
 * word ("share" → "sharebar"); words only as whole words ("ad", not "adidas").
 * A token with a strong negative is negative; one with a weak negative is negative
 * unless it also has a positive word; an element is furniture when it has a
 * negative token and no positive one.
 */
const STRONG_NEGATIVE_PREFIXES = [
  "comment", "disqus", "respond", "share", "sharing", "social", "sociable", "related", "recommend",
  "more-stories", "more-from", "more-news", "also-read", "see-also", "further-reading", "trending", "popular",
  "most-read", "most-viewed", "outbrain", "taboola", "recirc", "promo", "sponsor", "advert", "adslot", "ad-slot",
  "ad-container", "ad-wrapper", "ad-unit", "dfp", "newsletter", "subscri", "signup", "sign-up", "paywall",
  "cookie", "consent", "gdpr", "breadcrumb", "pagination", "navbar", "navigation", "masthead", "copyright",
  "popup", "toolbar", "tooltip", "skip-link", "placeholder", "tag-list", "taglist", "author-bio", "authorbio", "about-author",
  "byline", "dateline", "sr-only", "visually-hidden", "screen-reader", "print-only", "noprint",
];
const STRONG_NEGATIVE_WORDS = ["ad", "ads", "nav", "menu", "pager", "footer", "banner"];
const WEAK_NEGATIVE_PREFIXES = [
  "repl", "follow", "read-more", "readmore", "sidebar", "side-bar", "widget", "modal", "overlay", "keyword",
  "timestamp", "caption", "credit", "gallery", "slideshow", "carousel", "privacy",
];
const WEAK_NEGATIVE_WORDS = ["tag", "tags", "hidden", "meta", "header", "aside"];
const POSITIVE_PREFIXES = ["article", "body", "content", "entry", "main", "post", "story", "text", "blog", "prose", "rich-text", "paragraph"];

const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const hintPattern = (prefixes: string[], words: string[] = []) =>
  new RegExp(`(?:^|-)(?:(?:${prefixes.map(escape).join("|")})${words.length ? `|(?:${words.map(escape).join("|")})(?=$|-)` : ""})`);

/** Hints of a box of links to other stories, read for related[] when no marker line opens one. */
const RELATED_PREFIXES = ["related", "more-stories", "more-from", "more-news", "read-more", "readmore", "read-next", "also-read", "see-also", "further-reading", "recommend"];
export const RELATED_HINT = hintPattern(RELATED_PREFIXES);

export const STRONG_NEGATIVE_HINT = hintPattern(STRONG_NEGATIVE_PREFIXES, STRONG_NEGATIVE_WORDS);
/** Strong negatives that an id carries over a positive class (the prefixes only). */
export const STRONG_NEGATIVE_ID_HINT = hintPattern(STRONG_NEGATIVE_PREFIXES);
export const WEAK_NEGATIVE_HINT = hintPattern(WEAK_NEGATIVE_PREFIXES, WEAK_NEGATIVE_WORDS);
export const POSITIVE_HINT = hintPattern(POSITIVE_PREFIXES);

/** Attribute values (itemprop, property) that name the article body. */
export const BODY_PROPS = /articlebody|articletext/i;

/** Block weights: characters of plain text count +1, link text counts -LINK_PENALTY. */
export const WEIGHTS = {
  /** Fixed cost of every block, so that runs of tiny blocks score below zero. */
  blockCost: 25,
  /** Each character of link text costs this much. */
  linkPenalty: 1,
  /** Bonus for a block that reads like a sentence (ends with terminal punctuation). */
  sentenceBonus: 20,
  /** Each character under furniture or a negative hint costs this much. */
  furniturePenalty: 1,
  /** A character of a script written without spaces (CJK) weighs as much as this many Latin ones (a short word). */
  denseCharWeight: 3,
} as const;

/** Body cleaning thresholds. */
export const LIMITS = {
  /** Blocks with more than this share of link text are dropped from the body. */
  maxLinkDensity: 0.5,
  /** Running text: a sentence or at least longProseChars, with at most maxProseLinkShare of link text. */
  longProseChars: 80,
  maxProseLinkShare: 0.25,
  /** The container widens to an ancestor when at least this share of what it adds is running text. */
  minWidenProseShare: 0.5,
  /** … that running text is at least this share of the running text the container holds, */
  minWidenGain: 0.25,
  /** … with link lines of at most this share of that running text, */
  maxWidenLinkShare: 0.35,
  /** … and its weight sum is at least this share of the container's. */
  minWidenScoreShare: 0.5,
  /** A class hint is ignored on an element holding more than this share of the page text. */
  maxHintedShare: 0.6,
  /** A body with this much plain text is accepted without a second pass. */
  trustedBodyChars: 1000,
  /** The second pass (structure only) must find this many times more text to win. */
  retryGain: 2,
  /** Headline matching: shortest headline (letters); a block within this length factor of the title. */
  minTitleChars: 12,
  titleLengthSlack: 1.5,
  /** A headline stands "before" the body when at most this many blocks (bylines, dates, captions) come between. */
  headlineGap: 12,
  /** The headline is looked for only while less than this share of the container text precedes it. */
  maxShareBeforeTitle: 0.75,
  /** An id that spells its section's heading of at least this many words is no class/id hint. */
  minSlugWords: 4,
  /** Class strings whose hint verdicts are kept between pages. */
  hintCacheSize: 20000,
  /** Byline and date lines are looked for among this many first body blocks, up to this many words. */
  bylineScanBlocks: 4,
  maxBylineWords: 12,
  /** A related or comments marker closes the body only after this much body text. */
  minCharsBeforeMarker: 200,
  /** A comments or sharing marker closes the body only after this share of its text. */
  minShareBeforeEnd: 0.5,
  /** A link line this long inside the container counts as a story teaser. */
  minTeaserChars: 25,
  /** An element with a form control and at most this many blocks and characters is a widget (furniture). */
  maxWidgetBlocks: 6,
  maxWidgetChars: 1200,
  /** Teaser cards: at most this many blocks, a headline link among the first ones, little plain text, repeated. */
  maxCardBlocks: 6,
  cardHeadlineWithin: 3,
  maxCardPlainChars: 400,
  minCards: 3,
  /** A related link's text has at least this many characters; at most maxRelated are kept. */
  minRelatedTitleChars: 15,
  maxRelated: 30,
  /** Lines shorter than this after a lone related marker belong to the related block. */
  shortLineChars: 80,
} as const;

/** The article verdict (verdict.ts); text weights are characters, CJK ones counted as WEIGHTS.denseCharWeight. */
export const VERDICT = {
  /** Less kept text than this weight (or only headings) is no text. */
  minTextWeight: 40,
  /** With this many teasers inside the container, the longest run of text must weigh this much, else a listing. */
  minListingTeasers: 6,
  minMainRun: 400,
  /** Pages whose metadata says article need this many times the teasers to be a listing. */
  metadataTeaserFactor: 2,
  /** Confidence: a base, plus up to `length` for a run of fullRun, up to `share` for the run's share of the kept text, */
  base: 0.3,
  length: 0.4,
  fullRun: 1000,
  share: 0.15,
  /** plus `metadata` when the page's metadata says article, minus teaserPenalty per teaser (at most maxTeaserPenalty). */
  metadata: 0.15,
  teaserPenalty: 0.02,
  maxTeaserPenalty: 0.2,
} as const;

/** The JSON-LD articleBody replaces the HTML body when it weighs at least minWeight and the HTML body less than htmlShare of it. */
export const JSON_LD = {
  minWeight: 150,
  htmlShare: 0.5,
} as const;

/** Metadata limits. */
export const META_LIMITS = {
  maxJsonLdDepth: 6,
  /** Bylines, date lines and <time> elements read from the page. */
  maxSignals: 20,
  maxBylineChars: 200,
  maxDatelineChars: 300,
  minAuthorChars: 3,
  maxAuthorChars: 60,
  maxAuthorWords: 5,
  /** Blocks around the headline searched for a written date: before, after. */
  leadBefore: 3,
  leadAfter: 12,
} as const;
