// A minimal ustar reader for the tests, written apart from scripts/heroku/tar.ts so it checks the writer
// rather than mirroring it: it verifies every header's checksum and magic.

export interface TarEntry {
  path: string;
  mode: number;
  size: number;
  mtime: number;
  type: string;
  content: string;
}

/** A minimal ustar reader, independent of the writer, that also checks every header's checksum. */
export function readTar(archive: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number) =>
      header.toString("utf8", start, start + length).replace(/\0.*$/s, "");
    const octal = (start: number, length: number) => Number.parseInt(field(start, length).trim(), 8);
    const stored = octal(148, 8);
    const computed = [...header].reduce(
      (sum, byte, index) => sum + (index >= 148 && index < 156 ? 32 : byte),
      0,
    );
    if (computed !== stored) throw new Error(`bad checksum in the header at byte ${offset}`);
    if (field(257, 6) !== "ustar") throw new Error(`no ustar magic in the header at byte ${offset}`);
    const prefix = field(345, 155);
    const name = field(0, 100);
    const size = octal(124, 12);
    entries.push({
      path: prefix ? `${prefix}/${name}` : name,
      mode: octal(100, 8),
      size,
      mtime: octal(136, 12),
      type: field(156, 1),
      content: archive.toString("utf8", offset + 512, offset + 512 + size),
    });
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  if (archive.length % 512 !== 0) throw new Error("the archive is not a whole number of 512-byte blocks");
  return entries;
}
