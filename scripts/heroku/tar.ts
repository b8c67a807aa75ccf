// A deterministic .tar.gz writer. Terraform's heroku_build starts a new build whenever the SHA-256 of the
// source tarball changes, so the same commit must always give the same bytes: entries sorted by path, one
// fixed mtime, no owner names, and a gzip header without a timestamp or the OS that wrote it. Only what a
// source tree of this repository holds is supported: regular files, executable or not.
import { gzipSync } from "node:zlib";

export interface TarFile {
  /** Relative, "/"-separated, e.g. "apps/edm-relay/src/main.ts". */
  path: string;
  content: Uint8Array;
  executable?: boolean;
}

const BLOCK = 512;

/** The uncompressed archive (POSIX ustar). Throws on a path ustar cannot hold or one given twice. */
export function tarArchive(files: readonly TarFile[], mtimeSeconds: number): Buffer {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const parts: Buffer[] = [];
  sorted.forEach((file, index) => {
    if (index > 0 && sorted[index - 1]?.path === file.path) throw new Error(`"${file.path}" is given twice`);
    parts.push(header(file, mtimeSeconds), Buffer.from(file.content), padding(file.content.length));
  });
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/** The archive, gzipped with a fixed header, so equal input gives equal bytes on every machine. */
export function tarGz(files: readonly TarFile[], mtimeSeconds: number): Buffer {
  const gz = gzipSync(tarArchive(files, mtimeSeconds), { level: 9 });
  // Bytes 4-7 are the gzip MTIME (zlib writes 0) and byte 9 the OS, which zlib sets per platform: 255 is
  // "unknown". The trailer's CRC covers the content only, so changing the header is safe.
  gz.writeUInt32LE(0, 4);
  gz[9] = 255;
  return gz;
}

function header(file: TarFile, mtimeSeconds: number): Buffer {
  validatePath(file.path);
  const { name, prefix } = splitPath(file.path);
  const block = Buffer.alloc(BLOCK);
  block.write(name, 0, 100, "utf8");
  writeOctal(block, file.executable ? 0o755 : 0o644, 100, 8);
  writeOctal(block, 0, 108, 8);
  writeOctal(block, 0, 116, 8);
  writeOctal(block, file.content.length, 124, 12);
  writeOctal(block, mtimeSeconds, 136, 12);
  block.fill(" ", 148, 156);
  block.write("0", 156, 1, "ascii");
  block.write("ustar\u000000", 257, 8, "binary");
  block.write(prefix, 345, 155, "utf8");
  const checksum = block.reduce((sum, byte) => sum + byte, 0);
  block.write(`${checksum.toString(8).padStart(6, "0")}\u0000 `, 148, 8, "binary");
  return block;
}

function validatePath(path: string): void {
  const parts = path.split("/");
  if (
    path === "" ||
    path.startsWith("/") ||
    parts.some((part) => part === "" || part === "." || part === "..")
  ) {
    throw new Error(`"${path}" is not a relative path inside the archive`);
  }
}

/** ustar keeps up to 100 bytes of name and 155 of directory prefix, split at a "/". */
function splitPath(path: string): { name: string; prefix: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path, prefix: "" };
  for (let slash = path.indexOf("/"); slash !== -1; slash = path.indexOf("/", slash + 1)) {
    const prefix = path.slice(0, slash);
    const name = path.slice(slash + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  throw new Error(`"${path}" is too long for a tar archive (ustar)`);
}

function writeOctal(block: Buffer, value: number, offset: number, length: number): void {
  const digits = value.toString(8);
  if (!Number.isInteger(value) || value < 0 || digits.length > length - 1) {
    throw new Error(`${value} does not fit a ${length}-byte tar field`);
  }
  block.write(`${digits.padStart(length - 1, "0")}\u0000`, offset, length, "ascii");
}

function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}
