package dev.vectornn.io;

import dev.vectornn.io.SafeTensors.Tensor;
import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keras-layout safetensors files (see {@link KerasFiles}) load with {@link Sequential#load}. Budget: well under 1 s. */
class KerasFilesTest {

    @TempDir
    Path dir;

    private static final String KERAS_3 = "{\"class_name\": \"Sequential\", \"config\": {\"name\": \"sequential\", \"layers\": ["
            + "{\"class_name\": \"InputLayer\", \"config\": {\"batch_shape\": [null, 2], \"name\": \"input_layer\"}},"
            + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense\", \"units\": 3, \"activation\": \"relu\", \"use_bias\": true,"
            + " \"kernel_initializer\": {\"class_name\": \"GlorotUniform\"}, \"trainable\": true}},"
            + "{\"class_name\": \"Dropout\", \"config\": {\"name\": \"dropout\", \"rate\": 0.5}},"
            + "{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense_1\", \"units\": 1, \"activation\": \"linear\", \"use_bias\": false}}]}}";

    private Path write(List<Tensor> tensors, String json) throws IOException {
        Path p = dir.resolve("keras.safetensors");
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            SafeTensors.write(ch, tensors, Map.of("format", "keras", "keras_model", json));
        }
        return p;
    }

    private static List<Tensor> weights() {
        return List.of(new Tensor("dense/kernel", new int[] {2, 3}, new float[] {1, 0, -1, 0, 1, 1}),
                new Tensor("dense/bias", new int[] {3}, new float[] {0, 0, 0.5f}),
                new Tensor("dense_1/kernel", new int[] {3, 1}, new float[] {1, 2, 3}));
    }

    @Test
    void aKeras3SequentialLoadsWithItsWeightsAndPredicts() throws IOException {
        Sequential m = Sequential.load(write(weights(), KERAS_3));
        assertEquals(2, m.inputWidth());
        assertEquals(3, m.layers().size());
        assertEquals("mean_squared_error", m.loss().name());
        // relu(x·W + b) = relu(2, 3, 1.5) for x = (2, 3); then · (1, 2, 3) = 2 + 6 + 4.5
        assertArrayEquals(new float[] {12.5f}, m.predict(new float[] {2, 3}), 0f);
        assertEquals(3, ((Dense) m.layers().get(0)).units());
    }

    @Test
    void aMissingMisshapenOrUnusedTensorIsRefusedByName() throws IOException {
        ModelFormatException missing = assertThrows(ModelFormatException.class,
                () -> Sequential.load(write(weights().subList(0, 2), KERAS_3)));
        assertTrue(missing.getMessage().contains("needs tensor \"dense_1/kernel\" of shape [3, 1]"), missing::getMessage);

        List<Tensor> transposed = List.of(new Tensor("dense/kernel", new int[] {3, 2}, new float[6]),
                weights().get(1), weights().get(2));
        ModelFormatException shape = assertThrows(ModelFormatException.class, () -> Sequential.load(write(transposed, KERAS_3)));
        assertTrue(shape.getMessage().contains("\"dense/kernel\" has shape [3, 2], expected [2, 3]"), shape::getMessage);

        List<Tensor> extra = new java.util.ArrayList<>(weights());
        extra.add(new Tensor("dense_9/kernel", new int[] {1}, new float[1]));
        ModelFormatException unused = assertThrows(ModelFormatException.class, () -> Sequential.load(write(extra, KERAS_3)));
        assertTrue(unused.getMessage().contains("\"dense_9/kernel\" belongs to no layer"), unused::getMessage);
    }

    @Test
    void anUnknownLayerOrActivationOrNoInputWidthIsRefused() throws IOException {
        String conv = KERAS_3.replace("\"Dropout\"", "\"Conv2D\"");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Sequential.load(write(weights(), conv)));
        assertTrue(e.getMessage().contains("layers[2] is a Keras Conv2D"), e::getMessage);

        // (swish is built in since issue #14; mish is not.)
        String mish = KERAS_3.replace("\"relu\"", "\"mish\"");
        ModelFormatException a = assertThrows(ModelFormatException.class, () -> Sequential.load(write(weights(), mish)));
        assertTrue(a.getMessage().contains("Unknown activation 'mish'"), a::getMessage);

        String noInput = KERAS_3.replace("\"batch_shape\": [null, 2], ", "");
        ModelFormatException w = assertThrows(ModelFormatException.class, () -> Sequential.load(write(weights(), noInput)));
        assertTrue(w.getMessage().contains("gives no input width"), w::getMessage);
    }
}
