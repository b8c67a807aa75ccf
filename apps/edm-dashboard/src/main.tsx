import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { loadRuntimeConfig } from "./runtime-config";
import "./styles.css";

const root = createRoot(document.getElementById("root") as HTMLElement);

loadRuntimeConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  (error: unknown) =>
    root.render(
      <div className="config-problem" role="alert">
        <h1>The dashboard cannot start</h1>
        <p>{error instanceof Error ? error.message : String(error)}</p>
        <p>
          It reads the stats and stream URLs from /config.json; check the server's STATS_URL and STREAM_URL.
        </p>
      </div>,
    ),
);
