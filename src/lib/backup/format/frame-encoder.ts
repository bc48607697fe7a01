/**
 * Builds frames (FORMAT.md §6.1): `TYPE(1) || LENGTH(4, big-endian) || BODY`.
 * Refuses bodies outside the bounds of their type, so a writer can never
 * produce a frame that a reader would reject for its length.
 */
import { toBackupError } from '../errors';
import {
  FRAME_BODY_BOUNDS,
  FRAME_HEADER_LENGTH,
  FRAME_TYPE_LENGTH,
  type FrameType,
  frameTypeName,
} from './constants';

export function encodeFrameHeader(type: FrameType, bodyLength: number): Buffer {
  const bounds = FRAME_BODY_BOUNDS[type];
  if (!Number.isInteger(bodyLength) || bodyLength < bounds.min || bodyLength > bounds.max) {
    throw toBackupError(
      new RangeError(`frame ${frameTypeName(type)} body of ${bodyLength} bytes is outside ${bounds.min}..${bounds.max}`),
    );
  }
  const header = Buffer.allocUnsafe(FRAME_HEADER_LENGTH);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(bodyLength, FRAME_TYPE_LENGTH);
  return header;
}

export function encodeFrame(type: FrameType, body: Uint8Array = Buffer.alloc(0)): Buffer {
  return Buffer.concat([encodeFrameHeader(type, body.length), body]);
}
