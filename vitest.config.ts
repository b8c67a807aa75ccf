import { defineConfig } from "vitest/config";

const sources = [
  "apps/*/src/**/*.test.{ts,tsx}",
  "apps/*/server/**/*.test.ts",
  "packages/*/src/**/*.test.ts",
  "tests/**/*.test.ts",
];
const integration = ["**/*.int.test.ts"];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: sources,
          exclude: ["**/node_modules/**", ...integration],
        },
      },
      {
        test: {
          name: "integration",
          include: sources.map((glob) => glob.replace(".test.", ".int.test.")),
          globalSetup: ["./tests/setup/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
