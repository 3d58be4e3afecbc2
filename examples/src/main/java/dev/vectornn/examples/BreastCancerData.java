package dev.vectornn.examples;

import dev.vectornn.data.csv.Csv;
import dev.vectornn.data.csv.LabeledData;

import java.io.InputStream;
import java.util.List;

/**
 * The Breast Cancer Wisconsin (Diagnostic) data as scikit-learn ships it: 569 fine-needle
 * aspirates, 30 features of the cell nuclei, and the diagnosis, 212 malignant and 357 benign (see
 * {@code breast_cancer.SOURCE.md} next to the bundled file).
 *
 * @param features     one row of 30 values per aspirate
 * @param malignant    1 for a malignant mass (the positive, minority class), 0 for a benign one
 * @param featureNames the header's names of the 30 feature columns
 */
record BreastCancerData(float[][] features, int[] malignant, List<String> featureNames) {

    /** The label of the positive class in the file. */
    static final String POSITIVE = "malignant";
    /** The label of the negative class in the file. */
    static final String NEGATIVE = "benign";

    /** The bundled file: a header, 30 feature columns, the diagnosis in column 30. */
    static BreastCancerData load() {
        InputStream in = BreastCancerData.class.getResourceAsStream("/breast_cancer.csv");
        LabeledData table = Csv.read(in, "breast_cancer.csv (bundled)").header(true).label(30).load();
        // Not LabelEncoder: its alphabetical order would make "benign" 0 by accident; here the
        // positive class is chosen on purpose, the one precision and recall are about.
        int[] malignant = new int[table.size()];
        for (int i = 0; i < malignant.length; i++) {
            String label = table.labels().get(i);
            if (!label.equals(POSITIVE) && !label.equals(NEGATIVE)) {
                throw new IllegalStateException("breast_cancer.csv row " + (i + 1) + ": diagnosis '" + label
                        + "' is neither " + POSITIVE + " nor " + NEGATIVE);
            }
            malignant[i] = label.equals(POSITIVE) ? 1 : 0;
        }
        return new BreastCancerData(table.features(), malignant, table.featureNames());
    }

    int size() {
        return malignant.length;
    }
}
