import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Logger } from "./logger";

export interface StartHttpServerOptions {
  /** An express app or any plain request handler. */
  app: RequestListener;
  /** 0 picks a free port (tests); `url` then tells which one. */
  port: number;
  /** Defaults to every interface, which Heroku needs. */
  host?: string;
  log: Logger;
}

export interface RunningHttpServer {
  server: Server;
  /** e.g. http://127.0.0.1:41234, with the port actually bound. */
  url: string;
  port: number;
  /**
   * Stops accepting connections, lets in-flight requests finish, ends idle keep-alive connections, and
   * after `timeoutMs` cuts whatever is still open. Safe to call more than once.
   */
  close(timeoutMs?: number): Promise<void>;
}

export async function startHttpServer(options: StartHttpServerOptions): Promise<RunningHttpServer> {
  const { app, port, host, log } = options;
  const server = createServer(app);
  const connections = trackConnections(server);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  const url = `http://${hostForUrl(address.address)}:${address.port}`;
  log.info({ url }, `http server listening on port ${address.port}`);

  let closing: Promise<void> | undefined;
  const close = (timeoutMs = 10_000): Promise<void> => {
    closing ??= closeGracefully(server, connections, timeoutMs, log);
    return closing;
  };
  return { server, url, port: address.port, close };
}

interface ConnectionTracker {
  /** Open sockets and how many requests each is serving right now. */
  inFlight: Map<Socket, number>;
  draining: boolean;
}

function trackConnections(server: Server): ConnectionTracker {
  const tracker: ConnectionTracker = { inFlight: new Map(), draining: false };
  server.on("connection", (socket: Socket) => {
    tracker.inFlight.set(socket, 0);
    socket.once("close", () => tracker.inFlight.delete(socket));
  });
  server.on("request", (req, res) => {
    const socket = req.socket;
    tracker.inFlight.set(socket, (tracker.inFlight.get(socket) ?? 0) + 1);
    // A request that arrives while draining is still served, but tells the client not to reuse the socket.
    if (tracker.draining && !res.headersSent) res.setHeader("connection", "close");
    res.once("close", () => {
      const remaining = (tracker.inFlight.get(socket) ?? 1) - 1;
      tracker.inFlight.set(socket, remaining);
      if (tracker.draining && remaining === 0) socket.end();
    });
  });
  return tracker;
}

async function closeGracefully(
  server: Server,
  tracker: ConnectionTracker,
  timeoutMs: number,
  log: Logger,
): Promise<void> {
  tracker.draining = true;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive sockets with no request in flight would otherwise hold the server open until they time out.
  for (const [socket, requests] of tracker.inFlight) {
    if (requests === 0) socket.end();
  }

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const outcome = await Promise.race([closed, timedOut]);
  clearTimeout(timer);

  if (outcome === "timeout") {
    const busy = [...tracker.inFlight.values()].filter((requests) => requests > 0).length;
    log.warn(
      { timeoutMs, openConnections: tracker.inFlight.size, busyConnections: busy },
      `http server still had open connections after ${timeoutMs} ms; cutting them`,
    );
    for (const socket of tracker.inFlight.keys()) socket.destroy();
    await closed;
  }
  log.info("http server closed");
}

function hostForUrl(address: string): string {
  if (address === "0.0.0.0" || address === "::") return "127.0.0.1";
  return address.includes(":") ? `[${address}]` : address;
}
