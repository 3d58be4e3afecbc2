package dev.vectornn.models;

import java.util.Locale;
import java.util.Map;

/**
 * What a monitoring callback watches: a logs key, whether smaller or larger is better, and the
 * least change that counts as an improvement. Shared by {@link EarlyStopping},
 * {@link ModelCheckpoint} and {@link ReduceLROnPlateau}, so all three agree on what "better" means.
 *
 * <p>In {@code "auto"} mode the direction comes from the name, as Keras 3 takes it from the
 * metric: after dropping a {@code val_} prefix, {@code loss} and the error and cross-entropy
 * metrics are minimised; accuracies, AUC, precision, recall, F-scores and R² are maximised. Any
 * other name needs an explicit {@code "min"} or {@code "max"}: guessing wrong would silently keep
 * the worst model.
 */
final class Monitor {
    final String key;
    final boolean maximise;
    /** Non-negative. */
    final double minDelta;

    private Monitor(String key, boolean maximise, double minDelta) {
        this.key = key;
        this.maximise = maximise;
        this.minDelta = minDelta;
    }

    /**
     * @param owner named in messages, e.g. {@code "EarlyStopping"}
     * @throws IllegalArgumentException for a null or empty key, an unknown mode, a NaN delta, or
     *                                  {@code "auto"} on a name whose direction is unknown
     */
    static Monitor of(String owner, String key, String mode, double minDelta) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException(owner + " monitor must name a logs key such as \"val_loss\", got " + key);
        }
        if (Double.isNaN(minDelta) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException(owner + " min_delta must be finite, got " + minDelta);
        }
        String m = mode == null ? "" : mode.toLowerCase(Locale.ROOT);
        boolean max;
        switch (m) {
            case "min":
                max = false;
                break;
            case "max":
                max = true;
                break;
            case "auto":
                Boolean auto = autoMaximise(key);
                if (auto == null) {
                    throw new IllegalArgumentException(owner + " cannot tell whether '" + key
                            + "' should be minimised or maximised: give mode \"min\" or \"max\"");
                }
                max = auto;
                break;
            default:
                throw new IllegalArgumentException(owner + " mode must be \"auto\", \"min\" or \"max\", got " + mode);
        }
        return new Monitor(key, max, Math.abs(minDelta));
    }

    /** True to maximise, false to minimise, null if the name does not tell. */
    static Boolean autoMaximise(String key) {
        String name = key.startsWith("val_") ? key.substring(4) : key;
        if (name.equals("loss") || name.contains("error") || name.contains("crossentropy") || name.contains("hinge")
                || name.contains("divergence") || name.equals("mse") || name.equals("mae") || name.equals("rmse")) {
            return false;
        }
        if (name.contains("acc") || name.contains("auc") || name.contains("precision") || name.contains("recall")
                || name.contains("f1") || name.contains("fbeta") || name.contains("r2")) {
            return true;
        }
        return null;
    }

    /** The value every real value improves on. */
    double worst() {
        return maximise ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** True if {@code current} beats {@code reference} by more than {@link #minDelta}. */
    boolean improves(double current, double reference) {
        return maximise ? current - minDelta > reference : current + minDelta < reference;
    }

    /**
     * The monitored value in {@code logs}.
     *
     * @throws IllegalArgumentException if {@code logs} lacks it, listing what it has
     */
    double read(String owner, Map<String, Double> logs) {
        Double value = logs.get(key);
        if (value == null) {
            throw new IllegalArgumentException(owner + " monitors '" + key + "', which fit does not report. Reported: "
                    + logs.keySet() + (key.startsWith("val_") ? " (validation values need validation data)" : ""));
        }
        return value;
    }
}
