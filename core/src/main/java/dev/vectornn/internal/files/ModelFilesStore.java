package dev.vectornn.internal.files;

import dev.vectornn.internal.ModelStore;
import dev.vectornn.io.ModelFiles;
import dev.vectornn.models.Sequential;

import java.io.IOException;
import java.nio.file.Path;

/** Core's {@link ModelStore}: {@link ModelFiles}, the safetensors model file. */
public final class ModelFilesStore implements ModelStore<Sequential> {

    /** For {@link java.util.ServiceLoader}. */
    public ModelFilesStore() {
    }

    @Override
    public void save(Sequential model, Path file) throws IOException {
        ModelFiles.save(model, file);
    }

    @Override
    public Sequential load(Path file) throws IOException {
        return ModelFiles.load(file);
    }
}
