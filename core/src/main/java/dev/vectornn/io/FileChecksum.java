package dev.vectornn.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32C;

/**
 * The whole-file checksum of format version 2: a CRC-32C of every byte of the file (header length,
 * header and data) with the checksum's own eight hex digits read as {@code '0'}.
 *
 * <p>Its place is fixed: the header starts with {@link #PREFIX}, then the eight lower-case hex
 * digits, so the reader finds them by position and not by parsing. A damaged checksum key or
 * prefix is therefore caught like damage anywhere else: the prefix no longer matches, and a
 * version-2 file without it is refused. CRC-32C detects every error of up to 32 consecutive bits,
 * so every single-bit flip anywhere in the file is detected.
 */
final class FileChecksum {

    /** The metadata key. */
    static final String KEY = "file_crc32c";

    /** How a version-2 header starts: {@code __metadata__} first, the checksum its first entry. */
    static final String PREFIX = "{\"" + SafeTensors.METADATA_KEY + "\":{\"" + KEY + "\":\"";

    /** The value written before the checksum is known; it is also what the slot is read as. */
    static final String PLACEHOLDER = "00000000";

    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);

    private FileChecksum() {
    }

    /** The checksum as stored: eight lower-case hex digits. */
    static String format(long crc) {
        return String.format(Locale.ROOT, "%08x", crc);
    }

    /** Whether {@code header} (the JSON bytes, without the length) starts with the prefix and a slot. */
    static boolean hasSlot(byte[] header) {
        return header.length >= PREFIX_BYTES.length + 8
                && Arrays.equals(header, 0, PREFIX_BYTES.length, PREFIX_BYTES, 0, PREFIX_BYTES.length);
    }

    /** Adds {@code header} to {@code crc}, the slot's eight bytes read as {@code '0'} if it has one. */
    static void update(CRC32C crc, byte[] header) {
        if (!hasSlot(header)) {
            crc.update(header);
            return;
        }
        int p = PREFIX_BYTES.length;
        crc.update(header, 0, p);
        crc.update(PLACEHOLDER.getBytes(StandardCharsets.US_ASCII));
        crc.update(header, p + 8, header.length - p - 8);
    }

    /** Writes {@code crc} into the slot of {@code head}, the 8-byte length followed by the header. */
    static void fill(byte[] head, long crc) {
        byte[] digits = format(crc).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, head, 8 + PREFIX_BYTES.length, 8);
    }
}
