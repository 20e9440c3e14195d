/**
 * The file loader's size check, made before a file is read: a file that is surely larger than
 * the engine's LIMITS.textBytes is refused without reading it into memory. A leading UTF-8
 * byte-order mark (3 bytes) is not counted by the engine, so a file up to 3 bytes over the
 * limit is read and left to the engine's exact check.
 */
import { LIMITS } from '../../engine/input/limits';

const BOM_BYTES = 3;

/** Why a file of `size` bytes is not read, or null when it may be. */
export function fileSizeError(size: number): string | null {
  if (size <= LIMITS.textBytes + BOM_BYTES) return null;
  return `$: the file is ${size} bytes long; at most ${LIMITS.textBytes} bytes are read`;
}
