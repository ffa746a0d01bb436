/** Attributes and CSS constructs through which a page loads something; each is checked for another origin. */
const LOADING_ATTRIBUTE =
  /<(script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?\s(src|href|data|srcset)\s*=\s*["']([^"']+)["']/gi;
const CSS_URL = /url\(\s*["']?([^"')]+)["']?\s*\)|@import\s+["']([^"']+)["']/gi;
const LOCAL = /^(data:|blob:|#|\/(?!\/)|\.{1,2}\/|[^:/?#]+(?:[/?#]|$))/i;

/**
 * URLs of other origins the page would load by itself: script, stylesheet, image and frame sources in the
 * markup, and `url(...)`/`@import` in its styles. Links a reader may click (`<a href>`) are not loads.
 */
export function externalResources(html: string): string[] {
  const found = new Set<string>();
  const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?(<\/script>)/gi, '$1$2');
  for (const match of markup.matchAll(LOADING_ATTRIBUTE)) {
    const [, tag, attribute, url = ''] = match;
    if (tag?.toLowerCase() === 'link' && attribute?.toLowerCase() === 'href' && isNavigationLink(match[0]))
      continue;
    if (!LOCAL.test(url.trim())) found.add(url.trim());
  }
  for (const style of html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>|\sstyle="([^"]*)"/gi)) {
    for (const match of (style[1] ?? style[2] ?? '').matchAll(CSS_URL)) {
      const url = (match[1] ?? match[2] ?? '').trim();
      if (!LOCAL.test(url)) found.add(url);
    }
  }
  return [...found].sort();
}

/** `<link rel="canonical|alternate|author|license">` only names a URL; the browser fetches nothing. */
function isNavigationLink(tag: string): boolean {
  const rel = /\srel\s*=\s*["']([^"']+)["']/i.exec(tag)?.[1]?.toLowerCase() ?? '';
  return /^(canonical|alternate|author|license|help|next|prev)$/.test(rel);
}

const svg = (width: number, body: string) =>
  `data:image/svg+xml;base64,${Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">${body}</svg>`,
  ).toString('base64')}`;
const WORDMARK_FONT = `font-family="system-ui,sans-serif" font-size="10" font-weight="600" fill="#5a6275"`;

/**
 * Assets the Redoc 3 bundle fetches from a CDN on its own, each replaced in the built page by an inline
 * equivalent so the page makes no request to another origin. One reason per entry.
 */
export const INLINED_ASSETS = [
  {
    url: 'https://cdn.redoc.ly/redoc/logo-mini-full.svg',
    reason: 'the "API docs by Redocly" credit at the foot of the sidebar',
    replacement: svg(40, `<text x="0" y="12" ${WORDMARK_FONT}>Redocly</text>`),
  },
  {
    url: 'https://cdn.redoc.ly/redoc/logo-mini.svg',
    reason: 'the same credit when the sidebar is collapsed',
    replacement: svg(10, `<text x="0" y="12" ${WORDMARK_FONT}>R</text>`),
  },
] as const;

/** The page with every `INLINED_ASSETS` URL replaced by its inline equivalent; `missing` lists those not found. */
export function inlineRemoteAssets(html: string): { html: string; replaced: number; missing: string[] } {
  let replaced = 0;
  let result = html;
  const missing: string[] = [];
  for (const asset of INLINED_ASSETS) {
    const parts = result.split(asset.url);
    if (parts.length === 1) missing.push(asset.url);
    replaced += parts.length - 1;
    result = parts.join(asset.replacement);
  }
  return { html: result, replaced, missing };
}
