import http from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * Plain HTTP/1.1 over loopback with keep-alive, as a browser or API client talks to the
 * portal. (fetch cannot send its own Host header, which picks the clinic.)
 */
export class HttpClient {
  private readonly agent: http.Agent;

  constructor(
    private readonly origin: URL,
    options: { maxSockets?: number; timeoutMs?: number } = {},
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets ?? 64 });
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  private readonly timeoutMs: number;

  request(
    method: 'GET' | 'POST',
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: this.origin.hostname,
          port: this.origin.port,
          method,
          path,
          agent: this.agent,
          timeout: this.timeoutMs,
          headers:
            body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', reject);
      request.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
