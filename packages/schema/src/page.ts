import { MAX_PAGE_LENGTH } from "./limits";

/**
 * The page a page load counts for: the URL's path only, derived here once so that edm-stats' counts and
 * the dashboard's live view name the same page. Query strings and fragments are dropped: they multiply
 * pages without end (tracking parameters) and may carry personal data. The URL parser percent-encodes
 * the path, so it is plain ASCII and cutting it at MAX_PAGE_LENGTH never splits a character.
 */
export function pageOf(url: string): string {
  const path = URL.canParse(url) ? new URL(url).pathname : "/";
  return path.length > MAX_PAGE_LENGTH ? path.slice(0, MAX_PAGE_LENGTH) : path;
}
