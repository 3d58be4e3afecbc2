package dev.vectornn.examples;

import dev.vectornn.backend.Backends;
import dev.vectornn.data.csv.Csv;
import dev.vectornn.models.Sequential;
import dev.vectornn.onnx.Onnx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

/**
 * {@code onnx-run --model FILE --input CSV}: predicts every row of a CSV file with an ONNX model
 * (or a vectornn / Keras-layout {@code .safetensors} file) and prints one CSV line of outputs per row.
 */
@Command(name = "onnx-run", mixinStandardHelpOptions = true,
        description = "Predicts each row of a CSV file with an ONNX model (or a .safetensors model) and prints the outputs as CSV.")
public final class OnnxRun implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "An ONNX model (from torch.onnx.export, tf2onnx or onnx-export), or a .safetensors model.")
    Path model;

    @Option(names = "--input", paramLabel = "CSV", required = true,
            description = "Rows of numbers; the first N columns are the model's N inputs, further columns (a label) are ignored.")
    Path input;

    @Option(names = "--header", description = "The CSV's first line is a header.")
    boolean header;

    @Option(names = "--backend", description = "Run on this backend (e.g. scalar, simd) instead of the one chosen automatically.")
    String backend;

    @Override
    public Integer call() throws IOException {
        run(System.out);
        return 0;
    }

    /** Loads, predicts, prints; returns the predictions. */
    public float[][] run(PrintStream out) throws IOException {
        Sequential m = model.toString().endsWith(".safetensors") ? Sequential.load(model) : Onnx.load(model);
        if (backend != null) {
            m.backend(Backends.named(backend));
        }
        float[][] x = Csv.read(input).header(header).features(IntStream.range(0, m.inputWidth()).toArray()).load().features();
        float[][] y = m.predict(x);
        System.err.printf("%s: %d inputs -> %d outputs, %d layers, backend %s; %d rows of %s%n", model.getFileName(),
                m.inputWidth(), m.outputWidth(), m.layers().size(), m.backend().name(), x.length, input.getFileName());
        for (float[] row : y) {
            StringJoiner line = new StringJoiner(",");
            for (float v : row) {
                line.add(String.format(Locale.ROOT, "%.6g", v));
            }
            out.println(line);
        }
        return y;
    }
}
