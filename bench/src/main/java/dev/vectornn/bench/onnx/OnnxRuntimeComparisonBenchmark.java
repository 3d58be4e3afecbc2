package dev.vectornn.bench.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.vectornn.backend.Backends;
import dev.vectornn.bench.BenchData;
import dev.vectornn.bench.Jvm;
import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;
import dev.vectornn.onnx.Onnx;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Inference with one ONNX file, side by side: vectornn's {@code Onnx.load} model (on the scalar or
 * SIMD backend) and ONNX Runtime's Java API with default {@code SessionOptions}. The model is
 * 784→512 ReLU→512 ReLU→10 softmax, seeded, exported by {@code Onnx.export} once per trial and
 * read back by both. One operation is one {@code predict} of {@code rows} rows (128: a batch;
 * 1: single-row latency) from a {@code float[][]} to a {@code float[][]}; for ONNX Runtime that
 * includes making the input tensor and reading the output, as a Java caller must.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsPrepend = Jvm.VECTOR_MODULE)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OnnxRuntimeComparisonBenchmark {

    @Param({"vectornn-simd", "vectornn-scalar", "onnxruntime"})
    public String engine;

    @Param({"128", "1"})
    public int rows;

    private Path file;
    private float[][] x;
    private Sequential imported;
    private OrtEnvironment env;
    private OrtSession session;

    @Setup(Level.Trial)
    public void setUp() throws IOException, OrtException {
        Sequential model = new Sequential(new Dense(512, "relu").inputDim(784), new Dense(512, "relu"), new Dense(10, "softmax"));
        model.seed(7);
        model.compile("categorical_crossentropy", "adam");
        file = Files.createTempFile("mlp-784-512-512-10", ".onnx");
        Onnx.export(model, file);
        float[] pixels = BenchData.uniform(rows * 784, 11, 0f, 1f);
        x = new float[rows][784];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(pixels, r * 784, x[r], 0, 784);
        }
        if (engine.equals("onnxruntime")) {
            env = OrtEnvironment.getEnvironment();
            session = env.createSession(file.toString(), new OrtSession.SessionOptions());
        } else {
            imported = Onnx.load(file);
            imported.backend(Backends.named(engine.substring("vectornn-".length())));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException, OrtException {
        if (session != null) {
            session.close();
        }
        Files.deleteIfExists(file);
    }

    @Benchmark
    public float[][] predict() throws OrtException {
        if (imported != null) {
            return imported.predict(x);
        }
        try (OnnxTensor input = OnnxTensor.createTensor(env, x);
             OrtSession.Result result = session.run(Map.of(Onnx.INPUT_NAME, input))) {
            return (float[][]) result.get(0).getValue();
        }
    }
}
