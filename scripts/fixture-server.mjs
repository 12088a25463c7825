// A static file server on 127.0.0.1 for the demo and test pages.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.json': 'application/json' };

/**
 * Serve `root` on 127.0.0.1 (port 0 = any free port). Resolves to { url, close }.
 * `historyFallback`: folders of single-page apps whose own paths (/app/cart) are
 * answered with the folder's index.html, as servers set up for history routing do.
 */
export function serveStatic(root, port = 0, { historyFallback = [] } = {}) {
  const fileOf = (path) => {
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(normalize(root))) throw new Error('outside root');
    return file;
  };
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = fileOf(path);
      const app = historyFallback.find((prefix) => path.startsWith(prefix));
      if (app && !extname(path)) file = await readFile(file).then(() => file, () => fileOf(app));
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address();
      // Sockets a browser still keeps open (a lent browser outlives this server) are cut, not waited for.
      const close = () => new Promise((r) => {
        server.close(() => r(undefined));
        server.closeAllConnections();
      });
      resolve({ url: `http://127.0.0.1:${bound}`, close });
    });
  });
}
