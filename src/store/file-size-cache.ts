/**
 * PGlite's node file system answers every "seek to the end of this file"
 * with an fstat system call: Emscripten's NODEFS keeps no size of its own.
 * PostgreSQL asks for a relation's size that way (lseek(SEEK_END): mdnblocks)
 * whenever it plans a statement on it, scans it, or may extend it: several
 * times per statement. A CPU profile of bench:api's registrations on PGlite
 * (issue 15) put 10–16 % of the time in those fstat calls alone.
 *
 * Every change to a file of the data directory goes through the same
 * emulated file system, in this process (regd holds the directory's lock:
 * exclusive-lock.ts), so the size can be kept instead of asked for:
 *
 * - the first SEEK_END on a file asks the system (fstat) and keeps the size;
 * - a write that ends past the kept size moves it (PostgreSQL extends a
 *   relation by writing its new pages; NODEFS has no fallocate, so
 *   PostgreSQL writes zeros instead, through the same write);
 * - a truncation (setattr with a size, by path or by descriptor) or a write
 *   that fails forgets it, and the next SEEK_END asks the system again.
 *
 * Sizes are kept per file node (Emscripten shares one node between every
 * descriptor of a path; a file created again after an unlink gets a new
 * node). Seeks from the start or from the current position are untouched.
 */

/** The parts of Emscripten's NODEFS this wraps (see PGlite's bundled Emscripten runtime). */
interface Stream {
  readonly node: FileNode;
}
interface FileNode {
  /** st_mode, as Emscripten keeps it. */
  readonly mode: number;
}

/** S_ISREG, Emscripten's FS.isFile. */
function isRegularFile(node: FileNode): boolean {
  return (node.mode & 0o170000) === 0o100000;
}
interface SizeAttr {
  readonly size?: number;
}
interface NodeFsOps {
  readonly stream_ops: {
    llseek(stream: Stream, offset: number, whence: number): number;
    write(stream: Stream, buffer: unknown, offset: number, length: number, position?: number): number;
    setattr?(stream: Stream, attr: SizeAttr): unknown;
  };
  readonly node_ops: {
    setattr(node: FileNode, attr: SizeAttr): unknown;
  };
}

const SEEK_END = 2;

/** Wraps NODEFS's operations (once per Emscripten module, before the data directory is mounted). */
export function keepFileSizes(nodefs: NodeFsOps): void {
  const sizes = new WeakMap<FileNode, number>();
  const streamOps = nodefs.stream_ops;
  const llseek = streamOps.llseek.bind(streamOps);
  const write = streamOps.write.bind(streamOps);
  streamOps.llseek = (stream, offset, whence) => {
    if (whence !== SEEK_END) return llseek(stream, offset, whence);
    const size = sizes.get(stream.node);
    if (size !== undefined && offset + size >= 0) return offset + size;
    const position = llseek(stream, offset, whence);
    // NODEFS asks (and adds) the size of regular files only; an empty one is kept too (an empty table's file, asked by every plan that reads it).
    if (isRegularFile(stream.node)) sizes.set(stream.node, position - offset);
    return position;
  };
  streamOps.write = (stream, buffer, offset, length, position) => {
    let written: number;
    try {
      written = write(stream, buffer, offset, length, position);
    } catch (e) {
      sizes.delete(stream.node);
      throw e;
    }
    const size = sizes.get(stream.node);
    if (size !== undefined) {
      if (typeof position !== 'number') sizes.delete(stream.node);
      else if (position + written > size) sizes.set(stream.node, position + written);
    }
    return written;
  };
  const streamSetattr = streamOps.setattr?.bind(streamOps);
  if (streamSetattr) {
    streamOps.setattr = (stream, attr) => {
      try {
        return streamSetattr(stream, attr);
      } finally {
        if (attr.size !== undefined) sizes.delete(stream.node);
      }
    };
  }
  const nodeSetattr = nodefs.node_ops.setattr.bind(nodefs.node_ops);
  nodefs.node_ops.setattr = (node, attr) => {
    try {
      return nodeSetattr(node, attr);
    } finally {
      if (attr.size !== undefined) sizes.delete(node);
    }
  };
}
