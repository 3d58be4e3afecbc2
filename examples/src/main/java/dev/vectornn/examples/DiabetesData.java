package dev.vectornn.examples;

import dev.vectornn.data.csv.Csv;
import dev.vectornn.data.csv.LabeledData;

import java.io.InputStream;
import java.util.List;

/**
 * The diabetes data of Efron et al. (2004) as scikit-learn ships it, unscaled: 442 patients, ten
 * baseline measurements and the disease progression one year later (see
 * {@code diabetes.SOURCE.md} next to the bundled file).
 *
 * @param features     one row of ten values per patient: age, sex, bmi, bp, s1 … s6
 * @param progression  the target of each row, a measure of disease progression (25 to 346)
 * @param featureNames the header's names of the ten feature columns
 */
record DiabetesData(float[][] features, float[] progression, List<String> featureNames) {

    /** The bundled file: a header, ten feature columns, the target in column 10. */
    static DiabetesData load() {
        InputStream in = DiabetesData.class.getResourceAsStream("/diabetes.csv");
        LabeledData table = Csv.read(in, "diabetes.csv (bundled)").header(true).label(10).load();
        // The reader keeps a label column as text; here it is a number (checked by the CSV's shape: whole numbers).
        float[] progression = new float[table.size()];
        for (int i = 0; i < progression.length; i++) {
            progression[i] = Float.parseFloat(table.labels().get(i));
        }
        return new DiabetesData(table.features(), progression, table.featureNames());
    }

    int size() {
        return progression.length;
    }
}
