import { SAMPLE_LANGUAGES } from './samples/languages.js';

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="168" height="40" viewBox="0 0 168 40">
<rect x="2" y="4" width="32" height="32" rx="9" fill="#2f54eb"/>
<path d="M13 14h8.5a5.5 5.5 0 0 1 0 11H17l-4.5 4v-4H13a0 0 0 0 1 0 0z" fill="none" stroke="#fff" stroke-width="2.4" stroke-linejoin="round"/>
<text x="44" y="27.5" font-family="system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif" font-size="21" font-weight="700" fill="#3b5bdb" letter-spacing="-0.3">replykit</text>
</svg>`;

/** The replykit wordmark, inlined as a data: URL so the page makes no request for it. */
export const REPLYKIT_LOGO = `data:image/svg+xml;base64,${Buffer.from(LOGO_SVG).toString('base64')}`;

/**
 * Redoc options (`redocly build-docs --openapi <json>`). Telemetry is off so the page never reports to Redocly;
 * the sample tabs are ours only (no generated JavaScript/Python/... samples).
 */
export const REDOC_OPTIONS = {
  disableTelemetry: true,
  hideDownloadButtons: false,
  jsonSamplesExpandLevel: 3,
  sortRequiredPropsFirst: true,
  codeSamples: { languages: SAMPLE_LANGUAGES.map(({ label, lang }) => ({ label, lang })) },
} as const;
