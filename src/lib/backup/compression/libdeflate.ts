/**
 * The system's libdeflate (https://github.com/ebiggers/libdeflate), called through koffi (FFI):
 * the few functions the gzip member writer needs. `loadLibdeflate()` loads koffi and the library
 * once per process and returns the binding, or the reason it could not (koffi not installed or
 * without a build for this platform; no libdeflate shared library, e.g. Debian's `libdeflate0`
 * not installed). Nothing is loaded before the first call, so a process that uses zlib never
 * touches either.
 *
 * Pointers: a Buffer passed for a `void *` parameter reaches C as a pointer to its own bytes (koffi
 * copies nothing in or out); koffi keeps no reference to it, so during an async call the caller
 * MUST keep it referenced and unchanged until the callback. Async calls run on the libuv thread
 * pool. A compressor is not thread-safe: one call at a time each.
 */
import { createRequire } from 'node:module';
import type * as Koffi from 'koffi';

/** An opaque `struct libdeflate_compressor *`. */
export type CompressorHandle = object;

export interface Libdeflate {
  /** Levels 0–12; null if refused (out of memory, unknown level). */
  allocCompressor(level: number): CompressorHandle | null;
  freeCompressor(compressor: CompressorHandle): void;
  /** Worst-case output of gzipCompress for `inputBytes` of input. */
  gzipCompressBound(compressor: CompressorHandle, inputBytes: number): number;
  /**
   * One complete gzip member (plain 10-byte header) of `input` into `output`, on the thread pool;
   * calls back with its length, 0 if it did not fit.
   */
  gzipCompressAsync(compressor: CompressorHandle, input: Buffer, output: Buffer, done: (error: unknown, length: number) => void): void;
}

/** The names tried, in order: Debian/Ubuntu's runtime package (libdeflate0), then a development link. */
export const LIBDEFLATE_LIBRARY_NAMES: readonly string[] = ['libdeflate.so.0', 'libdeflate.so'];

export type LibdeflateLoad = { ok: true; libdeflate: Libdeflate } | { ok: false; reason: string };

const loads = new Map<string, LibdeflateLoad>();

export function loadLibdeflate(libraryNames: readonly string[] = LIBDEFLATE_LIBRARY_NAMES): LibdeflateLoad {
  const key = libraryNames.join('\0');
  let load = loads.get(key);
  if (!load) {
    load = tryLoad(libraryNames);
    loads.set(key, load);
  }
  return load;
}

function tryLoad(libraryNames: readonly string[]): LibdeflateLoad {
  let koffi: typeof Koffi;
  try {
    koffi = createRequire(import.meta.url)('koffi') as typeof Koffi;
  } catch (error) {
    return { ok: false, reason: `the koffi package did not load (${messageOf(error)})` };
  }
  const failures: string[] = [];
  for (const name of libraryNames) {
    try {
      return { ok: true, libdeflate: bind(koffi.load(name)) };
    } catch (error) {
      failures.push(`${name}: ${messageOf(error)}`);
    }
  }
  return { ok: false, reason: `no libdeflate shared library loaded (${failures.join('; ')})` };
}

function bind(lib: Koffi.IKoffiLib): Libdeflate {
  const alloc = lib.func('void *libdeflate_alloc_compressor(int compression_level)');
  const free = lib.func('void libdeflate_free_compressor(void *compressor)');
  const bound = lib.func('size_t libdeflate_gzip_compress_bound(void *compressor, size_t in_nbytes)');
  const compress = lib.func('size_t libdeflate_gzip_compress(void *compressor, const void *in, size_t in_nbytes, void *out, size_t out_nbytes_avail)');
  return {
    allocCompressor: (level) => alloc(level) as CompressorHandle | null,
    freeCompressor: (compressor) => free(compressor),
    gzipCompressBound: (compressor, inputBytes) => Number(bound(compressor, inputBytes)),
    gzipCompressAsync: (compressor, input, output, done) =>
      compress.async(compressor, input, input.length, output, output.length, (error: unknown, length: number | bigint) => done(error, Number(length))),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
