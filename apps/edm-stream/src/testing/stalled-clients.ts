import { randomBytes } from "node:crypto";
import { request } from "node:http";
import type { Socket } from "node:net";
import { STREAM_AUTH_FRAMES } from "@edm/schema";

// Dashboards that connect and then stop reading, written against the wire protocols so the test
// controls exactly when they stall: a WebSocket whose TCP socket is paused (a frozen tab on a stalled
// network) and a long-polling client that never polls again.

export interface StalledClient {
  /** The socket.io id the server knows this client by. */
  socketId: string;
  close(): void;
}

const CONNECTED = /40\{"sid":"([^"]+)"/;

/** A client-to-server WebSocket text frame (clients must mask theirs); short payloads only. */
function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text, "utf8");
  if (payload.length > 125) throw new Error("maskedTextFrame handles payloads up to 125 bytes");
  const mask = randomBytes(4);
  const masked = payload.map((byte, index) => byte ^ (mask[index % 4] ?? 0));
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
}

/**
 * Connects over WebSocket, joins the default namespace (asking for frames when `frames` is set), then
 * stops reading from the socket.
 */
export async function openStalledWebSocket(
  baseUrl: string,
  { frames = false }: { frames?: boolean } = {},
): Promise<StalledClient> {
  const socket = await new Promise<Socket>((resolve, reject) => {
    const req = request(`${baseUrl}/socket.io/?EIO=4&transport=websocket`, {
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        "sec-websocket-version": "13",
        "sec-websocket-key": randomBytes(16).toString("base64"),
      },
    });
    req.on("upgrade", (_response, upgraded: Socket, head: Buffer) => {
      if (head.length > 0) upgraded.unshift(head);
      resolve(upgraded);
    });
    req.on("response", (response) => reject(new Error(`no WebSocket upgrade: HTTP ${response.statusCode}`)));
    req.on("error", reject);
    req.end();
  });

  const socketId = await new Promise<string>((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error("no socket.io connect answer")), 10_000);
    socket.on("data", (chunk: Buffer) => {
      seen += chunk.toString("latin1");
      const match = CONNECTED.exec(seen);
      if (!match?.[1]) return;
      clearTimeout(timer);
      socket.removeAllListeners("data");
      // Stop reading: from now on the kernel buffers fill up and the server's writes back up.
      socket.pause();
      resolve(match[1]);
    });
    socket.write(maskedTextFrame(frames ? `40${JSON.stringify(STREAM_AUTH_FRAMES)}` : "40"));
  });
  socket.on("error", () => {});
  return { socketId, close: () => socket.destroy() };
}

/** Connects by long-polling, joins the default namespace, reads the answer, then never polls again. */
export async function openStalledPollingClient(baseUrl: string): Promise<StalledClient> {
  const endpoint = `${baseUrl}/socket.io/?EIO=4&transport=polling`;
  const open = await (await fetch(endpoint)).text();
  const sid = /"sid":"([^"]+)"/.exec(open)?.[1];
  if (!sid) throw new Error(`unexpected engine.io handshake: ${open}`);
  const session = `${endpoint}&sid=${encodeURIComponent(sid)}`;
  const posted = await fetch(session, {
    method: "POST",
    body: "40",
    headers: { "content-type": "text/plain" },
  });
  if (!posted.ok) throw new Error(`joining the namespace failed: HTTP ${posted.status}`);
  const answer = await (await fetch(session)).text();
  const socketId = CONNECTED.exec(answer)?.[1];
  if (!socketId) throw new Error(`unexpected socket.io connect answer: ${answer}`);
  return { socketId, close: () => {} };
}
