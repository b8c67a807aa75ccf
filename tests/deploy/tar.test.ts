import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type TarFile, tarArchive, tarGz } from "../../scripts/heroku/tar";
import { readTar } from "./tar-reader";

const file = (path: string, content: string, executable = false): TarFile => ({
  path,
  content: Buffer.from(content),
  executable,
});

describe("tarArchive", () => {
  it("writes regular files sorted by path, with their modes, sizes and one mtime", () => {
    const entries = readTar(
      tarArchive(
        [file("b/run.sh", "#!/bin/sh\n", true), file("a.txt", "x".repeat(513)), file("Procfile", "")],
        1_700_000_000,
      ),
    );
    expect(entries.map(({ path, mode, size, mtime, type }) => ({ path, mode, size, mtime, type }))).toEqual([
      { path: "Procfile", mode: 0o644, size: 0, mtime: 1_700_000_000, type: "0" },
      { path: "a.txt", mode: 0o644, size: 513, mtime: 1_700_000_000, type: "0" },
      { path: "b/run.sh", mode: 0o755, size: 10, mtime: 1_700_000_000, type: "0" },
    ]);
    expect(entries[1]?.content).toBe("x".repeat(513));
  });

  it("keeps paths longer than 100 bytes in the ustar prefix field", () => {
    const long = `${"d".repeat(60)}/${"e".repeat(60)}/${"f".repeat(90)}.ts`;
    expect(readTar(tarArchive([file(long, "long")], 0)).map((entry) => entry.path)).toEqual([long]);
  });

  it("gives the same bytes whatever the order of the files", () => {
    const files = [file("a", "1"), file("b/c", "2"), file("b/d", "3")];
    expect(tarArchive(files, 5).equals(tarArchive([...files].reverse(), 5))).toBe(true);
  });

  it.each([
    ["an absolute path", "/etc/passwd", /not a relative path/],
    ["a path leaving the archive", "a/../../b", /not a relative path/],
    ["an empty path segment", "a//b", /not a relative path/],
    ["a name ustar cannot hold", "x".repeat(101), /too long/],
  ])("refuses %s", (_case, path, message) => {
    expect(() => tarArchive([file(path, "")], 0)).toThrow(message);
  });

  it("refuses a path given twice", () => {
    expect(() => tarArchive([file("a", "1"), file("a", "2")], 0)).toThrow(/given twice/);
  });
});

describe("tarGz", () => {
  it("gzips the archive with a header free of time and platform", () => {
    const files = [file("package.json", "{}\n")];
    const gz = tarGz(files, 42);
    expect([...gz.subarray(0, 10)]).toEqual([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
    expect(gunzipSync(gz).equals(tarArchive(files, 42))).toBe(true);
    expect(tarGz(files, 42).equals(gz)).toBe(true);
  });
});
