import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { loadRuntimeConfig } from "./runtime-config";
import "./styles/base.css";
import "./styles/header.css";
import "./styles/stat-cards.css";
import "./styles/panels.css";
import "./styles/tables.css";
import "./styles/live-log.css";
import "./styles/states.css";
import "./styles/narrow-screens.css";
import "./styles/connection-notice.css";
import "./styles/pipeline.css";
import "./styles/funnel.css";

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
