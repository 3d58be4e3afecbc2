package dev.vectornn.examples;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks that a file is a real, non-trivial PNG image. */
final class Png {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private Png() {
    }

    /** Asserts the PNG signature, that ImageIO decodes it, its size, and that it is not one flat colour. */
    static BufferedImage assertValid(Path file, int minWidth, int minHeight) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " was not written");
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 10_000, file + " is only " + bytes.length + " bytes");
        byte[] head = new byte[8];
        System.arraycopy(bytes, 0, head, 0, 8);
        assertArrayEquals(SIGNATURE, head, "not a PNG signature");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "ImageIO cannot decode " + file);
        assertTrue(image.getWidth() >= minWidth && image.getHeight() >= minHeight,
                "image is " + image.getWidth() + "x" + image.getHeight());
        int first = image.getRGB(0, 0);
        boolean varied = false;
        for (int y = 0; y < image.getHeight() && !varied; y += 7) {
            for (int x = 0; x < image.getWidth() && !varied; x += 7) {
                varied = image.getRGB(x, y) != first;
            }
        }
        assertTrue(varied, "the image is one flat colour: nothing was drawn");
        return image;
    }
}
