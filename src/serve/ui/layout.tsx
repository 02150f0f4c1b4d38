// The page shell every UI page shares: landmarks (banner, navigation, main,
// contentinfo), a skip link, the language switch, the one style sheet, and the
// client scripts a page asks for (deferred, from /assets: no inline script).
import type { Child } from "hono/jsx";
import { assetUrl } from "./assets.js";
import { UI_PARAM, uiLanguages, type Ui } from "./i18n.js";

export interface PageContext {
  ui: Ui;
  /** The request's address: the current section, and the language links that keep the page. */
  url: URL;
}

/** The sections of the navigation, by path, with the key of their label. */
const SECTIONS: [string, string][] = [
  ["/search", "nav.search"],
  ["/quotes", "nav.quotes"],
  ["/events", "nav.events"],
  ["/graph", "nav.graph"],
  ["/analyze", "nav.analyze"],
];

export type Script = "chart.js" | "graph.js";

export interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: Child;
  scripts?: Script[];
}

/** The address of the same page in another interface language. */
function inLanguage(url: URL, code: string): string {
  const q = new URLSearchParams(url.search);
  q.set(UI_PARAM, code);
  return `${url.pathname}?${q.toString()}`;
}

export function Layout({ ctx, title, children, scripts = [] }: LayoutProps) {
  const { ui, url } = ctx;
  const t = ui.t;
  const style = assetUrl("style.css");
  const current = (path: string) => url.pathname === path || url.pathname.startsWith(`${path}/`);
  return (
    <html lang={ui.code}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · newsgraph`}</title>
        <link rel="icon" href="data:," />
        {style && <link rel="stylesheet" href={style} />}
        {scripts.map((s) => {
          const src = assetUrl(s);
          return src && <script src={src} defer></script>;
        })}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("layout.skip")}
        </a>
        <header class="site-header">
          <a class="brand" href="/">
            newsgraph
          </a>
          <nav aria-label={t("nav.label")}>
            <ul>
              {SECTIONS.map(([path, key]) => (
                <li>
                  <a href={path} aria-current={current(path) ? "page" : undefined}>
                    {t(key)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <nav aria-label={t("nav.languages")} class="languages">
            <ul>
              {uiLanguages().map((l) => (
                <li>
                  <a href={inLanguage(url, l.code)} lang={l.code} hreflang={l.code} aria-current={l.code === ui.code ? "true" : undefined}>
                    {l.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>
            {t("layout.api")} <a href="/api/openapi.json">/api/openapi.json</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
