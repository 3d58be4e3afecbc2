package dev.vectornn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Recomputes a damaged file's whole-file checksum, as a tool that edits files on purpose would:
 * the fuzz tests use it to get past the checksum and reach the structural checks behind it.
 */
final class Sealing {

    private Sealing() {
    }

    /** {@code file} with its checksum slot filled to match, or unchanged if it has no slot to fill. */
    static byte[] reseal(byte[] file) {
        if (file.length < 8) {
            return file;
        }
        long headerLength = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 0 || headerLength > file.length - 8) {
            return file;
        }
        byte[] header = Arrays.copyOfRange(file, 8, 8 + (int) headerLength);
        if (!FileChecksum.hasSlot(header)) {
            return file;
        }
        CRC32C crc = new CRC32C();
        crc.update(file, 0, 8);
        FileChecksum.update(crc, header);
        crc.update(file, 8 + (int) headerLength, file.length - 8 - (int) headerLength);
        byte[] sealed = file.clone();
        FileChecksum.fill(sealed, crc.getValue());
        return sealed;
    }
}
