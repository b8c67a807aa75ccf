import type { Server as HttpServer } from "node:http";
import type { Logger } from "@edm/runtime";
import type { ClientToServerEvents, ServerToClientEvents } from "@edm/schema";
import { Server } from "socket.io";
import { isAllowedOrigin } from "./origins";

export type StreamServer = Server<ClientToServerEvents, ServerToClientEvents>;

export interface SocketServerOptions {
  corsOrigins: readonly string[];
  log: Logger;
}

/** Dashboards send nothing but the handshake; a small cap keeps a hostile client from sending much. */
const MAX_INCOMING_MESSAGE_BYTES = 64 * 1024;

/**
 * The socket.io server the dashboards connect to. `allowEIO3` lets the original dashboard, built on
 * socket.io 2 (engine.io protocol 3), connect to this socket.io 4 server unchanged.
 *
 * CORS headers alone do not protect a WebSocket (browsers do not apply CORS to it), so the handshake
 * itself is refused for a browser origin not on the list. Requests without an Origin header come from
 * non-browser clients, which CORS does not concern, and are let through.
 */
export function createSocketServer(httpServer: HttpServer, { corsOrigins, log }: SocketServerOptions) {
  const io: StreamServer = new Server(httpServer, {
    serveClient: false,
    allowEIO3: true,
    maxHttpBufferSize: MAX_INCOMING_MESSAGE_BYTES,
    cors: { origin: [...corsOrigins], methods: ["GET", "POST"] },
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      if (isAllowedOrigin(corsOrigins, origin)) {
        callback(null, true);
        return;
      }
      log.warn(
        { event: "stream.client.refused", origin },
        "Refused a dashboard connection from an origin not in CORS_ORIGINS",
      );
      callback("this origin is not allowed to connect; add it to CORS_ORIGINS", false);
    },
  });

  io.on("connection", (socket) => {
    const { transport, protocol } = socket.conn;
    log.info(
      {
        event: "stream.client.connected",
        socketId: socket.id,
        transport: transport.name,
        engineProtocol: protocol,
        clients: io.engine.clientsCount,
      },
      "A dashboard connected",
    );
    socket.on("disconnect", (reason) => {
      log.info(
        { event: "stream.client.disconnected", socketId: socket.id, reason, clients: io.engine.clientsCount },
        `A dashboard disconnected (${reason})`,
      );
    });
  });

  return io;
}
