export declare function serveStatic(root: string, port?: number, options?: { historyFallback?: string[] }): Promise<{ url: string; close: () => Promise<void> }>;
