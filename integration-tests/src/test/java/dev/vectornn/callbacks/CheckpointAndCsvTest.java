package dev.vectornn.callbacks;

import dev.vectornn.models.CSVLogger;
import dev.vectornn.models.FitOptions;
import dev.vectornn.models.ModelCheckpoint;
import dev.vectornn.models.ReduceLROnPlateau;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Sgd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ModelCheckpoint}'s file names, best-only rule and atomic saves, and {@link CSVLogger}'s
 * text, over scripted epochs. The expected names and numbers are what Python writes for the same
 * values: {@code "model-{epoch:02d}-{val_loss:.4f}.keras".format(epoch=2, val_loss=0.25)} is
 * {@code model-02-0.2500.keras}, {@code str(1e-05)} is {@code 1e-05}.
 */
class CheckpointAndCsvTest {

    private static final double[] VAL = {0.5, 0.25, 0.375, 0.125};

    @TempDir
    Path dir;

    private List<String> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void namesFilesFromTheEpochAndTheLogsAsPythonFormats() throws IOException {
        Sequential model = ScriptedSteps.model(new Sgd(0.01));
        String pattern = dir.resolve("ckpt").resolve("model-{epoch:02d}-{val_loss:.4f}.vnn").toString();
        ScriptedSteps.fit(model, new double[VAL.length], VAL, FitOptions.defaults().callbacks(new ModelCheckpoint(pattern)));
        // The folder did not exist: the checkpoint made it. No temporary file is left.
        assertEquals(List.of("model-01-0.5000.vnn", "model-02-0.2500.vnn", "model-03-0.3750.vnn", "model-04-0.1250.vnn"),
                files(dir.resolve("ckpt")));
    }

    /**
     * Best only: val_loss 0.5, 0.25, 0.375, 0.125 saves after epochs 1, 2 and 4 (Keras' rule: the
     * first epoch always, then only on improvement); the file of epoch 2 holds that epoch's weights.
     */
    @Test
    void savesOnlyImprovementsAndTheFileHoldsThatEpoch() throws IOException {
        Sequential model = ScriptedSteps.model(new Sgd(0.01));
        ModelCheckpoint best = new ModelCheckpoint(dir.resolve("best-{epoch}.vnn").toString()).saveBestOnly(true);
        ScriptedSteps.fit(model, new double[VAL.length], VAL, FitOptions.defaults().callbacks(best));
        assertEquals(List.of("best-1.vnn", "best-2.vnn", "best-4.vnn"), files(dir));
        assertEquals(dir.resolve("best-4.vnn"), best.lastSaved());
        // Epoch 2 (from 1) ran as scripted epoch 1: every parameter is 1.
        assertEquals(1, ScriptedSteps.weightsEpoch(Sequential.load(dir.resolve("best-2.vnn"))));
    }

    /** One file name for every epoch: each save replaces the last through a temporary file that does not survive. */
    @Test
    void overwritesAtomicallyWithoutLeftovers() throws IOException {
        Sequential model = ScriptedSteps.model(new Sgd(0.01));
        ModelCheckpoint last = new ModelCheckpoint(dir.resolve("last.vnn").toString());
        ScriptedSteps.fit(model, new double[VAL.length], VAL, FitOptions.defaults().callbacks(last));
        assertEquals(List.of("last.vnn"), files(dir));
        assertEquals(3, ScriptedSteps.weightsEpoch(Sequential.load(dir.resolve("last.vnn"))));
    }

    @Test
    void refusesANameWithAFieldTheLogsLackAndOtherSaveFrequencies() {
        Sequential model = ScriptedSteps.model(new Sgd(0.01));
        ModelCheckpoint bad = new ModelCheckpoint(dir.resolve("m-{val_acc:.2f}.vnn").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScriptedSteps.fit(model, new double[2], VAL, FitOptions.defaults().callbacks(bad)));
        assertTrue(e.getMessage().contains("{val_acc}") && e.getMessage().contains("val_loss"), e.getMessage());
        assertNull(bad.lastSaved());
        assertThrows(IllegalArgumentException.class, () -> new ModelCheckpoint("m.vnn").saveFreq("batch"));
    }

    /** Keras' columns: epoch from 0, then the sorted logs keys; numbers as Python's str; rows end in \r\n. */
    @Test
    void csvLoggerWritesKerasColumns() throws IOException {
        Path log = dir.resolve("training.log");
        Sequential model = ScriptedSteps.model(new Sgd(0.01));
        ScriptedSteps.fit(model, new double[] {0.5, 0.25}, new double[] {1e-05, 0.125},
                FitOptions.defaults().callbacks(new CSVLogger(log)));
        assertEquals("epoch,loss,val_loss\r\n0,0.5,1e-05\r\n1,0.25,0.125\r\n",
                Files.readString(log, StandardCharsets.UTF_8));
        // append: no second header; the epochs count from 0 again, as in Keras.
        ScriptedSteps.fit(model, new double[] {2.0}, new double[] {3.0},
                FitOptions.defaults().callbacks(new CSVLogger(log).append(true)));
        assertEquals("epoch,loss,val_loss\r\n0,0.5,1e-05\r\n1,0.25,0.125\r\n0,2.0,3.0\r\n",
                Files.readString(log, StandardCharsets.UTF_8));
    }

    /** With a callback that manages the rate, learning_rate is a logs key and so a column, sorted with the others. */
    @Test
    void csvLoggerShowsTheRateAReduceLROnPlateauManages() throws IOException {
        Path log = dir.resolve("rate.csv");
        ScriptedSteps.fit(ScriptedSteps.model(new Sgd(0.01)), new double[] {0.5, 0.25}, new double[] {1.0, 1.0},
                FitOptions.defaults().callbacks(new ReduceLROnPlateau("val_loss").patience(1), new CSVLogger(log)));
        assertEquals("epoch,learning_rate,loss,val_loss\r\n0,0.01,0.5,1.0\r\n1,0.01,0.25,1.0\r\n",
                Files.readString(log, StandardCharsets.UTF_8));
    }

    /** Without validation Keras adds val_ twins filled with NA; the separator is configurable. */
    @Test
    void csvLoggerWithoutValidationAndAnotherSeparator() throws IOException {
        Path log = dir.resolve("plain.csv");
        ScriptedSteps.fit(ScriptedSteps.model(new Sgd(0.01)), new double[] {0.75}, null,
                FitOptions.defaults().callbacks(new CSVLogger(log).separator(';')));
        assertEquals("epoch;loss;val_loss\r\n0;0.75;NA\r\n",
                Files.readString(log, StandardCharsets.UTF_8));
    }
}
