package dev.vectornn.io;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Edges that PIT's run on core (issue #12) found untested: each character of a temporary name's
 * random part is checked, the first and the last included, and a problem of exactly
 * {@link ModelFormatException#MAX_PROBLEM_CHARS} characters is quoted whole while one more is cut.
 */
class TempNameAndMessageTest {

    @Test
    void everyCharacterOfTheRandomPartMustBeALowerCaseDigitOrLetter() {
        String temp = AtomicFiles.tempName("model.bin");
        assertTrue(AtomicFiles.isTempOf(temp, "model.bin"), temp);
        int end = temp.length() - AtomicFiles.SUFFIX.length();
        int start = end - 8; // the eight random characters before ".tmp"
        for (int i = start; i < end; i++) {
            for (char bad : new char[] {'A', '-', '.'}) {
                String damaged = temp.substring(0, i) + bad + temp.substring(i + 1);
                assertFalse(AtomicFiles.isTempOf(damaged, "model.bin"), "character " + (i - start) + " as '" + bad
                        + "': " + damaged);
            }
        }
        // The character just before the random part belongs to the prefix: changing it is another name.
        assertFalse(AtomicFiles.isTempOf(temp.substring(0, start - 1) + "z" + temp.substring(start), "model.bin"));
        assertFalse(AtomicFiles.isTempOf(temp.substring(0, end) + ".tmq", "model.bin"));
        assertFalse(AtomicFiles.isTempOf(temp.substring(0, start) + "0" + temp.substring(start), "model.bin"),
                "nine random characters");
    }

    @Test
    void aProblemOfTheLimitIsQuotedWholeAndOneCharacterMoreIsCut() {
        Path file = Path.of("m.safetensors");
        String atLimit = "x".repeat(ModelFormatException.MAX_PROBLEM_CHARS);
        assertEquals(file + ": " + atLimit, ModelFormatException.in(file, atLimit, null).getMessage());
        String over = atLimit + "y";
        assertEquals(file + ": " + atLimit + "…(2001 characters)", ModelFormatException.in(file, over, null).getMessage());
    }
}
