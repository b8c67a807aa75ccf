import { DashboardPage } from "./components/dashboard-page";
import { useDashboard } from "./live/use-dashboard";
import type { RuntimeConfig } from "./runtime-config";

export function App({ config }: { config: RuntimeConfig }) {
  const view = useDashboard(config);
  return <DashboardPage view={view} config={config} />;
}
