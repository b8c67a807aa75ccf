import type { Server as HttpServer } from "node:http";
import type { Logger } from "@edm/runtime";
import type { ClientToServerEvents, ServerToClientEvents } from "@edm/schema";
import { Server } from "socket.io";
import {
  ConnectionCap,
  fullMessage,
  handshakeBackstop,
  type RefusalData,
  refusalData,
} from "./connection-cap";
import { isAllowedOrigin } from "./origins";
import { formAsked, ROOMS } from "./subscription";

export type StreamServer = Server<ClientToServerEvents, ServerToClientEvents>;

export interface SocketServerOptions {
  corsOrigins: readonly string[];
  /** Dashboards served at once; one more is refused with a reason it can show. */
  maxDashboards: number;
  log: Logger;
  /** Told of every dashboard refused at the cap (for metrics). */
  onRefusedFull?: () => void;
}

/** Dashboards send nothing but the handshake; a small cap keeps a hostile client from sending much. */
const MAX_INCOMING_MESSAGE_BYTES = 64 * 1024;

/** A crowd of refused dashboards retrying must not flood the log: one line per this long, with a count. */
const REFUSAL_LOG_INTERVAL_MS = 60_000;

/**
 * The socket.io server the dashboards connect to. `allowEIO3` lets the original dashboard, built on
 * socket.io 2 (engine.io protocol 3), connect to this socket.io 4 server unchanged.
 *
 * CORS headers alone do not protect a WebSocket (browsers do not apply CORS to it), so the handshake
 * itself is refused for a browser origin not on the list. Requests without an Origin header come from
 * non-browser clients, which CORS does not concern, and are let through.
 */
export function createSocketServer(
  httpServer: HttpServer,
  { corsOrigins, maxDashboards, log, onRefusedFull }: SocketServerOptions,
) {
  const cap = new ConnectionCap(maxDashboards);
  const io: StreamServer = new Server(httpServer, {
    serveClient: false,
    allowEIO3: true,
    maxHttpBufferSize: MAX_INCOMING_MESSAGE_BYTES,
    cors: { origin: [...corsOrigins], methods: ["GET", "POST"] },
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      if (!isAllowedOrigin(corsOrigins, origin)) {
        log.warn(
          { event: "stream.client.refused", origin },
          "Refused a dashboard connection from an origin not in CORS_ORIGINS",
        );
        callback("this origin is not allowed to connect; add it to CORS_ORIGINS", false);
        return;
      }
      // Only a client that never joins gets here past the cap: the namespace check below refuses
      // normal dashboards with a reason they can read.
      if (io.engine.clientsCount >= handshakeBackstop(maxDashboards)) {
        callback(fullMessage(maxDashboards), false);
        return;
      }
      callback(null, true);
    },
  });

  let refusedSinceLog = 0;
  let lastRefusalLog = Number.NEGATIVE_INFINITY;
  const noteRefusal = () => {
    onRefusedFull?.();
    refusedSinceLog += 1;
    if (Date.now() - lastRefusalLog < REFUSAL_LOG_INTERVAL_MS) return;
    log.warn(
      { event: "stream.client.full", maxDashboards, refused: refusedSinceLog },
      `Refused ${refusedSinceLog} dashboard(s): this instance serves at most ${maxDashboards} (STREAM_MAX_DASHBOARDS); add instances or raise it`,
    );
    refusedSinceLog = 0;
    lastRefusalLog = Date.now();
  };

  io.use((socket, next) => {
    if (cap.tryAdmit(socket.id)) {
      // The connection may end before or after the dashboard has fully joined; either releases its place.
      const release = () => cap.release(socket.id);
      socket.conn.once("close", release);
      socket.once("disconnect", release);
      next();
      return;
    }
    noteRefusal();
    // socket.io 4 clients get `message` and `data` in connect_error; socket.io 2 clients get `data` in
    // their "error" event (socket.io sends them data, or the message when there is none).
    const refusal: Error & { data?: RefusalData } = new Error(fullMessage(maxDashboards));
    refusal.data = refusalData(maxDashboards);
    next(refusal);
    // socket.io writes the refusal on the next tick; closing after it (engine.io flushes what is queued
    // before closing) frees the connection now rather than after socket.io's 45 s join timeout.
    setImmediate(() => socket.conn.close());
  });

  io.on("connection", (socket) => {
    const { transport, protocol } = socket.conn;
    const form = formAsked(socket.handshake.auth);
    // Synchronously, before any later broadcast: the room decides which messages it gets.
    socket.join(ROOMS[form]);
    log.info(
      {
        event: "stream.client.connected",
        socketId: socket.id,
        transport: transport.name,
        engineProtocol: protocol,
        form,
        clients: cap.count,
      },
      form === "frames"
        ? "A dashboard connected, receiving frames"
        : "A dashboard connected, receiving single events",
    );
    socket.on("disconnect", (reason) => {
      log.info(
        { event: "stream.client.disconnected", socketId: socket.id, reason, clients: cap.count },
        `A dashboard disconnected (${reason})`,
      );
    });
  });

  return io;
}
