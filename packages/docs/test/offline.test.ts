import { describe, expect, it } from 'vitest';
import { externalResources, INLINED_ASSETS, inlineRemoteAssets } from '../src/offline.js';

describe('externalResources', () => {
  it.each([
    [
      'a CDN script',
      {
        given: '<script src="https://cdn.example.com/redoc.js"></script>',
        want: ['https://cdn.example.com/redoc.js'],
      },
    ],
    [
      'a protocol-relative script',
      { given: '<script src="//cdn.example.com/a.js"></script>', want: ['//cdn.example.com/a.js'] },
    ],
    [
      'a web font stylesheet',
      {
        given: '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">',
        want: ['https://fonts.googleapis.com/css?family=Roboto'],
      },
    ],
    [
      'a module preload',
      {
        given: '<link rel="modulepreload" href="https://cdn.redocly.com/r.js" />',
        want: ['https://cdn.redocly.com/r.js'],
      },
    ],
    [
      'a remote image',
      { given: '<img alt="x" src="http://example.com/logo.png">', want: ['http://example.com/logo.png'] },
    ],
    [
      'a CSS url()',
      {
        given: '<style>a{background:url("https://example.com/bg.png")}</style>',
        want: ['https://example.com/bg.png'],
      },
    ],
    [
      'a CSS @import',
      { given: "<style>@import 'https://example.com/x.css';</style>", want: ['https://example.com/x.css'] },
    ],
    [
      'an inline style url()',
      {
        given: '<div style="background:url(https://example.com/i.png)"></div>',
        want: ['https://example.com/i.png'],
      },
    ],
    ['a data: image', { given: '<img src="data:image/svg+xml;base64,AAA">', want: [] }],
    [
      'a relative file',
      { given: '<link rel="icon" href="favicon.svg"><script src="./app.js"></script>', want: [] },
    ],
    ['a link a reader may click', { given: '<a href="https://redocly.com/redoc/">Redocly</a>', want: [] }],
    ['a canonical link', { given: '<link rel="canonical" href="https://example.com/docs">', want: [] }],
    [
      'URLs inside an inline script',
      { given: '<script>const u = "https://cdn.example.com/x.js";</script>', want: [] },
    ],
  ])('%s', (_, { given, want }) => {
    expect(externalResources(given)).toEqual(want);
  });
});

describe('inlineRemoteAssets', () => {
  it('replaces every known CDN asset by its inline equivalent', () => {
    const [full, mini] = INLINED_ASSETS;
    const html = `<script>a="${full.url}";b="${mini.url}";c="${full.url}"</script>`;
    const result = inlineRemoteAssets(html);
    expect(result.replaced).toBe(3);
    expect(result.missing).toEqual([]);
    expect(result.html).not.toContain('cdn.redoc.ly');
    expect(result.html).toContain(full.replacement);
  });

  it('names the assets it did not find', () => {
    expect(inlineRemoteAssets('<p>no bundle</p>').missing).toEqual(INLINED_ASSETS.map((asset) => asset.url));
  });

  it('gives every inlined asset a data: URL and a reason', () => {
    for (const asset of INLINED_ASSETS) {
      expect(asset.replacement).toMatch(/^data:image\/svg\+xml;base64,/);
      expect(asset.reason.length).toBeGreaterThan(10);
    }
  });
});
