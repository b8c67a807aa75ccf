import { captureLogs } from "@edm/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningStream } from "./service";
import { connectV2, connectV4, refusedV2, refusedV4, type TestDashboard } from "./testing/dashboards";
import { createTestBed, startTestStream, type TestBed } from "./testing/stream-harness";

// STREAM_MAX_DASHBOARDS with real socket.io clients: past the cap a dashboard, new or original, is
// refused with a reason it can show, its connection is closed, and a freed place can be taken again.

const LIMIT = 2;
const FULL = `edm-stream is at its limit of ${LIMIT} dashboards; try again shortly`;

describe("edm-stream's cap on dashboards", () => {
  let bed: TestBed;
  let stream: RunningStream;
  const admitted: TestDashboard[] = [];
  const logs = captureLogs({ level: "info" });

  beforeAll(async () => {
    bed = await createTestBed("stream-cap");
    stream = await startTestStream(bed, "capped", {
      log: logs.log,
      env: { STREAM_MAX_DASHBOARDS: String(LIMIT) },
    });
    admitted.push(await connectV4(stream.url), await connectV2(stream.url));
  });

  afterAll(async () => {
    for (const dashboard of admitted) dashboard.close();
    await stream?.stop();
    await bed?.cleanup();
  });

  it("refuses a socket.io 4 dashboard past the cap with a reason it can read, on either transport", async () => {
    for (const transports of [["websocket"], ["polling"]] as const) {
      const refusal = await refusedV4(stream.url, { transports: [...transports] });
      expect(refusal.message).toBe(FULL);
      expect(refusal.data).toEqual({ reason: "full", message: FULL, limit: LIMIT, retryAfterMs: 30_000 });
    }
    const full = logs.lines().filter((line) => line.event === "stream.client.full");
    expect(full[0]).toMatchObject({ level: "warn", maxDashboards: LIMIT });
  });

  it("refuses the original dashboard's socket.io 2 client cleanly: the reason, then a closed connection", async () => {
    const { error, closed } = await refusedV2(stream.url);
    expect(error).toMatchObject({ reason: "full", message: FULL });
    expect(closed).toBe("transport close");
  });

  it("gives a freed place to the next dashboard", async () => {
    const leaving = admitted.shift();
    leaving?.close();
    await leaving?.disconnected;
    // The server learns of the close a moment after the client; the next dashboard may need a second try.
    let next: TestDashboard | undefined;
    for (let attempt = 0; attempt < 20 && !next; attempt += 1) {
      next = await connectV4(stream.url).catch(async () => {
        await new Promise((resolve) => setTimeout(resolve, 250));
        return undefined;
      });
    }
    expect(next).toBeDefined();
    if (next) admitted.push(next);
    await expect(refusedV4(stream.url)).resolves.toMatchObject({ message: FULL });
  });

  it("refuses raw engine.io handshakes that never join, a little past the cap, with the same reason", async () => {
    const handshake = `${stream.url}/socket.io/?EIO=4&transport=polling`;
    let refused: Response | undefined;
    for (let opened = 0; opened < 40 && !refused; opened += 1) {
      const answer = await fetch(handshake);
      if (answer.status === 403) refused = answer;
      else await answer.text();
    }
    expect(refused?.status).toBe(403);
    expect(await refused?.json()).toMatchObject({ message: FULL });
  });
});
