package dev.vectornn.metrics;

import dev.vectornn.spi.ConfigMap;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Keras' {@code auc}: the area under the ROC curve (default) or the precision-recall curve,
 * approximated from confusion counts at {@code num_thresholds} (default 200) evenly spaced
 * thresholds, {@code 0 − ε, 1/(n−1), …, (n−2)/(n−1), 1 + ε} with {@code ε = 1e-7}.
 *
 * <p>As Keras does, every output of every row is one binary prediction (Keras'
 * {@code multi_label=False}); outputs are clipped to {@code [0, 1]} and land in the bucket
 * {@code max(ceil(p · (n − 1)) − 1, 0)}; a target {@code t} adds {@code t · w} to the positives
 * and {@code (1 − t) · w} to the negatives, so soft targets count fractionally. The counts add up
 * over the batches of an epoch, and {@link #result()} integrates them:
 * <ul>
 *   <li>{@code summation_method="interpolation"} (default): ROC by the trapezoidal rule over
 *       (false-positive rate, recall); PR by Davis &amp; Goadrich's interpolation, which models
 *       TP and TP + FP as linear between thresholds, as Keras' {@code interpolate_pr_auc};</li>
 *   <li>{@code "minoring"} / {@code "majoring"}: left or right Riemann sums with the smaller or
 *       larger of the two heights.</li>
 * </ul>
 * {@code from_logits=true} applies a sigmoid to the outputs first.
 */
public final class Auc implements Metric {
    static final double EPSILON = 1e-7;

    /** Which curve. */
    public enum Curve { ROC, PR }

    private final int numThresholds;
    private final Curve curve;
    private final String summation;
    private final boolean fromLogits;
    /** Weighted positives and negatives per bucket; cumulated from the top at {@link #result()}. */
    private final double[] positives;
    private final double[] negatives;

    /** Keras' defaults: ROC, 200 thresholds, interpolation. */
    public Auc() {
        this(200, Curve.ROC);
    }

    public Auc(int numThresholds, Curve curve) {
        this(numThresholds, curve, "interpolation", false);
    }

    /**
     * @throws IllegalArgumentException if {@code numThresholds <= 1} or the summation method is
     *                                  not interpolation, minoring or majoring
     */
    public Auc(int numThresholds, Curve curve, String summationMethod, boolean fromLogits) {
        if (numThresholds <= 1) {
            throw new IllegalArgumentException("auc num_thresholds must be greater than 1, got " + numThresholds);
        }
        if (!summationMethod.equals("interpolation") && !summationMethod.equals("minoring")
                && !summationMethod.equals("majoring")) {
            throw new IllegalArgumentException("auc summation_method must be interpolation, minoring or majoring, got '"
                    + summationMethod + "'");
        }
        this.numThresholds = numThresholds;
        this.curve = curve;
        this.summation = summationMethod;
        this.fromLogits = fromLogits;
        this.positives = new double[numThresholds];
        this.negatives = new double[numThresholds];
    }

    public Curve curve() {
        return curve;
    }

    public int numThresholds() {
        return numThresholds;
    }

    @Override
    public String name() {
        return "auc";
    }

    @Override
    public String description() {
        return "auc: area under the " + curve + " curve, " + numThresholds + " thresholds, " + summation
                + (fromLogits ? ", sigmoid of the outputs" : "");
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("num_thresholds", numThresholds);
        c.put("curve", curve.name());
        c.put("summation_method", summation);
        c.put("from_logits", fromLogits);
        return c;
    }

    @Override
    public Metric withConfig(Map<String, Object> config) {
        ConfigMap c = ConfigMap.of("auc config", config)
                .checkKeys("num_thresholds", "curve", "summation_method", "from_logits");
        String curveName = c.getString("curve", "ROC").toUpperCase(Locale.ROOT);
        if (!curveName.equals("ROC") && !curveName.equals("PR")) {
            throw c.error("curve", "must be ROC or PR, got '" + c.getString("curve") + "'");
        }
        return new Auc(c.getInt("num_thresholds", 200, 2, 1 << 20), Curve.valueOf(curveName),
                c.getString("summation_method", "interpolation").toLowerCase(Locale.ROOT),
                c.getBoolean("from_logits", false));
    }

    @Override
    public void reset() {
        Arrays.fill(positives, 0);
        Arrays.fill(negatives, 0);
    }

    @Override
    public void update(int rows, int cols, float[] y, int yOff, float[] t, int tOff, int targetCols,
                       float[] weights, int wOff) {
        float steps = numThresholds - 1;
        for (int r = 0; r < rows; r++) {
            double w = Metric.weight(weights, wOff, r);
            for (int j = 0; j < cols; j++) {
                float v = y[yOff + r * cols + j];
                float p = fromLogits ? (float) (1.0 / (1.0 + Math.exp(-v))) : v;
                p = Math.min(Math.max(p, 0f), 1f);
                int bucket = Math.max((int) Math.ceil(p * steps) - 1, 0);
                double target = t[tOff + r * targetCols + j];
                positives[bucket] += target * w;
                negatives[bucket] += (1 - target) * w;
            }
        }
    }

    @Override
    public double result() {
        int n = numThresholds;
        double totalPositives = 0;
        double totalNegatives = 0;
        for (int i = 0; i < n; i++) {
            totalPositives += positives[i];
            totalNegatives += negatives[i];
        }
        // tp(i) = Σ_{b ≥ i} positives[b]: predictions above threshold i. Walk from the top so the
        // cumulative sums need no array.
        double tpAbove = 0;
        double fpAbove = 0;
        double area = 0;
        for (int i = n - 1; i >= 0; i--) {
            double tp = tpAbove + positives[i];
            double fp = fpAbove + negatives[i];
            if (i < n - 1) {
                area += segment(tp, fp, tpAbove, fpAbove, totalPositives, totalNegatives);
            }
            tpAbove = tp;
            fpAbove = fp;
        }
        return area;
    }

    /** The area between threshold i (counts tpA, fpA) and threshold i + 1 (counts tpB, fpB). */
    private double segment(double tpA, double fpA, double tpB, double fpB, double positivesTotal, double negativesTotal) {
        double fnA = positivesTotal - tpA;
        double fnB = positivesTotal - tpB;
        if (curve == Curve.PR && summation.equals("interpolation")) {
            double dtp = tpA - tpB;
            double pA = tpA + fpA;
            double pB = tpB + fpB;
            double slope = ConfusionCounts.divideNoNan(dtp, Math.max(pA - pB, 0));
            double intercept = tpB - slope * pB;
            double ratio = pA > 0 && pB > 0 ? ConfusionCounts.divideNoNan(pA, Math.max(pB, 0)) : 1;
            return ConfusionCounts.divideNoNan(slope * (dtp + intercept * Math.log(ratio)), Math.max(tpB + fnB, 0));
        }
        double xA;
        double xB;
        double yA;
        double yB;
        if (curve == Curve.ROC) {
            xA = ConfusionCounts.divideNoNan(fpA, negativesTotal);
            xB = ConfusionCounts.divideNoNan(fpB, negativesTotal);
            yA = ConfusionCounts.divideNoNan(tpA, tpA + fnA);
            yB = ConfusionCounts.divideNoNan(tpB, tpB + fnB);
        } else {
            xA = ConfusionCounts.divideNoNan(tpA, tpA + fnA);
            xB = ConfusionCounts.divideNoNan(tpB, tpB + fnB);
            yA = ConfusionCounts.divideNoNan(tpA, tpA + fpA);
            yB = ConfusionCounts.divideNoNan(tpB, tpB + fpB);
        }
        double height = summation.equals("interpolation") ? (yA + yB) / 2
                : summation.equals("minoring") ? Math.min(yA, yB) : Math.max(yA, yB);
        return (xA - xB) * height;
    }

    @Override
    public Metric copy() {
        return new Auc(numThresholds, curve, summation, fromLogits);
    }
}
