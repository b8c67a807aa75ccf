import { describe, expect, it } from "vitest";
import { ORIGINAL_PAGELOAD_EXAMPLE } from "./examples";
import { MAX_PAGE_LENGTH } from "./limits";
import { pageOf } from "./page";

describe("pageOf", () => {
  it("is the URL's path, without query string or fragment", () => {
    expect(pageOf(ORIGINAL_PAGELOAD_EXAMPLE.properties.url)).toBe("/");
    expect(pageOf("http://shop.example/coffee/beans?ref=mail#x")).toBe("/coffee/beans");
  });

  it("is / for text that is not a URL", () => {
    expect(pageOf("not a url")).toBe("/");
  });

  it(`is cut at ${MAX_PAGE_LENGTH} characters`, () => {
    expect(pageOf(`https://shop.example/${"a".repeat(1_000)}`)).toHaveLength(MAX_PAGE_LENGTH);
  });

  it("is plain ASCII, whatever the URL held", () => {
    expect(pageOf("https://shop.example/café/\u{1F600}")).toBe("/caf%C3%A9/%F0%9F%98%80");
  });
});
