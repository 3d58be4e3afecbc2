package dev.vectornn.io;

import dev.vectornn.layers.Dense;
import dev.vectornn.models.Sequential;
import dev.vectornn.optimizers.Adam;

import java.nio.file.Path;

/**
 * The child process of {@link KillDuringSaveTest}: saves two different models of ~12 MB in turn to
 * the file given, forever, printing "saved" after the first save so the parent knows when to start
 * its clock.
 */
public final class SaveLoop {

    private SaveLoop() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]);
        Sequential[] models = {model(1), model(2)};
        for (long i = 0; ; i++) {
            models[(int) (i % 2)].save(target);
            if (i == 0) {
                System.out.println("saved");
                System.out.flush();
            }
        }
    }

    /** One million parameters and Adam's two slots each: a file of ~12 MB, a save of some milliseconds. */
    static Sequential model(long seed) {
        Sequential m = new Sequential(new Dense(1000).inputDim(1000));
        m.seed(seed);
        m.compile("mse", new Adam());
        return m;
    }
}
