package dev.vectornn.examples;

import dev.vectornn.VectorNN;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: vectornn's version ({@link VectorNN#version()}) and the JVM's. */
final class Version implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"vectornn " + VectorNN.version() + " (Java " + Runtime.version() + ")"};
    }
}
