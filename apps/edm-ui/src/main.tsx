import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./app";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/footer.css";
import "./styles/products.css";
import "./styles/cart.css";
import { startBrowserTracking } from "./tracking/browser-tracking";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");

let storage: Storage | undefined;
try {
  storage = window.localStorage;
} catch {
  storage = undefined;
}

createRoot(root).render(
  <StrictMode>
    <BrowserRouter>
      <App tracking={startBrowserTracking()} storage={storage} />
    </BrowserRouter>
  </StrictMode>,
);
