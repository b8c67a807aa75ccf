export { type BundleOptions, bundleApp, packageName, WORKSPACE_SCOPE } from "./bundle-app";
