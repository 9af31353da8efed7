package dev.palette.core.store.directory;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32;

/**
 * The framing shared by log and snapshot files: a 4-byte payload length, the payload's 4-byte
 * CRC32, then the payload. The checksum is what tells a torn or damaged entry from a whole one.
 */
final class Frames {
  static final int HEADER = 8;
  /** Larger lengths are damage, not data: no record comes near it. */
  static final int MAX_PAYLOAD = 256 << 20;

  private Frames() {}

  static int crc(byte[] payload, int off, int len) {
    CRC32 crc = new CRC32();
    crc.update(payload, off, len);
    return (int) crc.getValue();
  }

  /** Appends one frame to {@code buf}, growing it when needed; returns the buffer to use next. */
  static ByteBuffer append(ByteBuffer buf, byte[] payload) {
    if (buf.remaining() < HEADER + payload.length) {
      int need = buf.position() + HEADER + payload.length;
      ByteBuffer bigger = ByteBuffer.allocate(Math.max(need, buf.capacity() * 2));
      buf.flip();
      bigger.put(buf);
      buf = bigger;
    }
    buf.putInt(payload.length);
    buf.putInt(crc(payload, 0, payload.length));
    buf.put(payload);
    return buf;
  }

  /** Why a frame could not be read. */
  static final class BadFrame extends Exception {
    private static final long serialVersionUID = 1L;
    final long offset;

    BadFrame(long offset, String reason) {
      super(reason, null, false, false);
      this.offset = offset;
    }
  }

  /** Reads frames one after another from a stream, keeping the file offset of each. */
  static final class Reader {
    private final DataInputStream in;
    private final long size;
    private long offset;
    private long frameStart;

    Reader(InputStream in, long size) {
      this.in = new DataInputStream(in);
      this.size = size;
    }

    /** The offset of the frame returned last (or of the bad one). */
    long frameStart() {
      return frameStart;
    }

    /** The offset just past the last whole frame. */
    long offset() {
      return offset;
    }

    /** The next payload, or {@code null} at the clean end of the file. */
    byte[] next() throws IOException, BadFrame {
      frameStart = offset;
      long left = size - offset;
      if (left == 0) {
        return null;
      }
      if (left < HEADER) {
        throw new BadFrame(offset, "only " + left + " bytes left, less than a frame header");
      }
      int len = in.readInt();
      int crc = in.readInt();
      if (len <= 0 || len > MAX_PAYLOAD) {
        throw new BadFrame(offset, "invalid payload length " + len);
      }
      if (len > left - HEADER) {
        throw new BadFrame(offset, "payload of " + len + " bytes runs past the end of the file");
      }
      byte[] payload = new byte[len];
      try {
        in.readFully(payload);
      } catch (EOFException e) {
        throw new BadFrame(offset, "file ended inside the payload");
      }
      if (crc(payload, 0, len) != crc) {
        throw new BadFrame(offset, "CRC32 mismatch");
      }
      offset += HEADER + len;
      return payload;
    }
  }

  /**
   * Whether a whole frame starts anywhere after {@code badOffset}. A damaged frame with whole frames
   * after it is corruption; one without is a write torn by a crash.
   */
  static boolean wholeFrameFollows(FileChannel ch, long badOffset) throws IOException {
    long size = ch.size();
    long from = badOffset + 1;
    int len = (int) Math.min(size - from, (long) MAX_PAYLOAD + HEADER);
    if (len < HEADER + 1) {
      return false;
    }
    ByteBuffer tail = ByteBuffer.allocate(len);
    while (tail.hasRemaining()) {
      if (ch.read(tail, from + tail.position()) < 0) {
        break;
      }
    }
    byte[] b = tail.array();
    int end = tail.position();
    for (int i = 0; i + HEADER < end; i++) {
      int n = ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8)
          | (b[i + 3] & 0xff);
      if (n <= 0 || n > end - i - HEADER) {
        continue;
      }
      int crc = ((b[i + 4] & 0xff) << 24) | ((b[i + 5] & 0xff) << 16) | ((b[i + 6] & 0xff) << 8)
          | (b[i + 7] & 0xff);
      if (crc(b, i + HEADER, n) == crc) {
        return true;
      }
    }
    return false;
  }
}
