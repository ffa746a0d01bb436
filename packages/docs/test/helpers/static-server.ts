import { type StaticServer, serveDirectory as serve } from '@replykit/test-support/static-server';

export type { StaticServer };

/** Serves the built site like a static host: the site is one page, so its client-side routes survive a reload. */
export function serveDirectory(root: string): Promise<StaticServer> {
  return serve(root, { spaFallback: true });
}
