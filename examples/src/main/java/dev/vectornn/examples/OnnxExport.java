package dev.vectornn.examples;

import dev.vectornn.models.Sequential;
import dev.vectornn.onnx.Onnx;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code onnx-export}: trains the lecture's iris network, writes it as ONNX and says how to run it elsewhere. */
@Command(name = "onnx-export", mixinStandardHelpOptions = true,
        description = "Trains the iris network (as ./run-example iris), exports it to ONNX and prints how to run it in ONNX Runtime.")
public final class OnnxExport implements Callable<Integer> {

    @Option(names = "--output", paramLabel = "FILE", description = "The ONNX file to write (default: ${DEFAULT-VALUE}).")
    Path output = Path.of("iris.onnx");

    @Option(names = "--seed", description = "Seed for weights and shuffling (default: ${DEFAULT-VALUE}).")
    String seed = "1";

    @Override
    public Integer call() throws IOException {
        run(System.out);
        return 0;
    }

    /** Trains, exports and prints; returns the trained model. */
    public Sequential run(PrintStream out) throws IOException {
        Iris iris = new Iris();
        iris.seed = seed;
        iris.quiet = true;
        Iris.Result r = iris.run(out);
        Onnx.export(r.model(), output);
        Path file = output.toAbsolutePath();
        out.printf("%nWrote %s: ONNX opset %d, input \"%s\" [batch, %d], output \"%s\" [batch, %d].%n", file, Onnx.OPSET,
                Onnx.INPUT_NAME, r.model().inputWidth(), Onnx.OUTPUT_NAME, r.model().outputWidth());
        out.println();
        out.println("Run it with vectornn:");
        out.println("  ./run-example onnx-run --model " + output + " --input examples/src/main/resources/iris.csv");
        out.println("Run it in ONNX Runtime (Python, pip install onnxruntime numpy):");
        out.println("  import numpy as np, onnxruntime as ort");
        out.println("  s = ort.InferenceSession(\"" + output + "\")");
        out.println("  print(s.run([\"" + Onnx.OUTPUT_NAME + "\"], {\"" + Onnx.INPUT_NAME
                + "\": np.array([[5.1, 3.5, 1.4, 0.2]], np.float32)})[0])");
        out.println("Run it in ONNX Runtime (Java, com.microsoft.onnxruntime:onnxruntime):");
        out.println("  var env = OrtEnvironment.getEnvironment();");
        out.println("  try (var s = env.createSession(\"" + output + "\", new OrtSession.SessionOptions());");
        out.println("       var x = OnnxTensor.createTensor(env, new float[][] {{5.1f, 3.5f, 1.4f, 0.2f}});");
        out.println("       var y = s.run(Map.of(\"" + Onnx.INPUT_NAME + "\", x))) {");
        out.println("    float[][] p = (float[][]) y.get(0).getValue();");
        out.println("  }");
        return r.model();
    }
}
