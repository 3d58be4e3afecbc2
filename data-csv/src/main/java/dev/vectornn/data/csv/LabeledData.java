package dev.vectornn.data.csv;

import java.util.List;

/**
 * Numeric features and string labels read from a file.
 *
 * @param features     one row per sample
 * @param labels       one label per sample (empty when no label column was chosen); unmodifiable
 * @param featureNames the header names of the feature columns, or {@code column0 ...} without a header
 */
public record LabeledData(float[][] features, List<String> labels, List<String> featureNames) {

    public LabeledData {
        // A read's own label column is already unmodifiable and one byte a row; a copy would add
        // a four-byte reference a row.
        labels = labels instanceof LabelColumn ? labels : List.copyOf(labels);
        featureNames = List.copyOf(featureNames);
    }

    /** Number of samples. */
    public int size() {
        return features.length;
    }
}
