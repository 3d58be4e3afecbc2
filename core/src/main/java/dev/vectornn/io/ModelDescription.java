package dev.vectornn.io;

import dev.vectornn.layers.Layer;
import dev.vectornn.models.ModelSnapshot;
import dev.vectornn.models.Sequential;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything about a model except its tensors: the architecture, the compile settings and the
 * training position. Stored as JSON in the file's {@code __metadata__} under {@code "model"}:
 *
 * <pre>{@code
 * {"input_width": 4,
 *  "layers": [{"type": "dense", "config": {"units": 16, "activation": "relu", ...}}, ...],
 *  "loss": {"name": "mean_squared_error", "config": {}},
 *  "optimizer": {"name": "adam", "config": {"learning_rate": 0.01, ...}},
 *  "metrics": ["accuracy", {"name": "auc", "config": {"curve": "PR", ...}}],
 *  "seed": 42, "step": 1500, "random_state": [-7046029254386353131, 4886448147316436322]}
 * }</pre>
 *
 * Format version 1 stored the loss as its name alone ({@code "loss": "mean_squared_error"}); it is
 * read as a loss with an empty config. Version 2 requires every key shown. A metric without
 * settings is stored as its name alone, one with settings as its name and config. Keras'
 * {@code weighted_metrics} are stored the same way under {@code "weighted_metrics"}, a key written
 * only when there are some (so files without them are as before).
 *
 * @param randomState the shuffling and dropout generators' states ({@link ModelSnapshot})
 */
record ModelDescription(int inputWidth, List<LayerEntry> layers, String loss, Map<String, Object> lossConfig,
                        String optimizer,
                        Map<String, Object> optimizerConfig, List<MetricEntry> metrics,
                        List<MetricEntry> weightedMetrics, long seed, long step, long[] randomState) {

    /** The widest layer input or output accepted from a file: wider is a corrupted number, not a model. */
    static final int MAX_WIDTH = 1 << 24;
    /** More layers than this is a corrupted or hostile file, not a model. */
    static final int MAX_LAYERS = 10_000;
    /**
     * The largest optimizer step accepted: far beyond any real training, and small enough that the
     * counter can neither wrap nor lose exactness in a double.
     */
    static final long MAX_STEP = 1L << 53;

    /** The keys version 2 requires. */
    private static final Set<String> KEYS =
            Set.of("input_width", "layers", "loss", "optimizer", "metrics", "seed", "step", "random_state");
    /** The keys that may be there too: written only when the model has some. */
    private static final Set<String> OPTIONAL_KEYS = Set.of("weighted_metrics");
    private static final Set<String> ALL_KEYS = union(KEYS, OPTIONAL_KEYS);

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** One metric: its name (as compiled, so {@code "accuracy"} resolves again) and its settings. */
    record MetricEntry(String name, Map<String, Object> config) {
    }

    /** One layer: its registered type name and its configuration. */
    record LayerEntry(String type, Map<String, Object> config) {
    }

    /** The description of a compiled model. */
    static ModelDescription of(Sequential model) {
        List<LayerEntry> layers = new ArrayList<>();
        for (Layer l : model.layers()) {
            layers.add(new LayerEntry(l.typeName(), l.config()));
        }
        ModelSnapshot state = model.snapshot();
        List<MetricEntry> metrics = entries(model.metrics());
        List<MetricEntry> weighted = entries(model.weightedMetrics());
        return new ModelDescription(model.inputWidth(), layers, model.loss().name(), model.loss().config(),
                model.optimizer().name(),
                model.optimizer().config(), metrics, weighted, model.seed(),
                state.step(), new long[] {state.shuffleState(), state.dropoutState()});
    }

    private static List<MetricEntry> entries(List<dev.vectornn.metrics.Metric> metrics) {
        List<MetricEntry> entries = new ArrayList<>();
        for (dev.vectornn.metrics.Metric metric : metrics) {
            entries.add(new MetricEntry(metric.name(), metric.config()));
        }
        return entries;
    }

    private static List<Object> metricsJson(List<MetricEntry> metrics) {
        List<Object> ms = new ArrayList<>();
        for (MetricEntry e : metrics) {
            if (e.config().isEmpty()) {
                ms.add(e.name());
            } else {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", e.name());
                entry.put("config", e.config());
                ms.add(entry);
            }
        }
        return ms;
    }

    /** The JSON text; {@code IllegalArgumentException} if a configuration holds a value JSON cannot. */
    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input_width", inputWidth);
        List<Object> ls = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("type", layers.get(i).type());
            l.put("config", layers.get(i).config());
            ls.add(l);
        }
        m.put("layers", ls);
        Map<String, Object> lossEntry = new LinkedHashMap<>();
        lossEntry.put("name", loss);
        lossEntry.put("config", lossConfig);
        m.put("loss", lossEntry);
        Map<String, Object> opt = new LinkedHashMap<>();
        opt.put("name", optimizer);
        opt.put("config", optimizerConfig);
        m.put("optimizer", opt);
        m.put("metrics", metricsJson(metrics));
        if (!weightedMetrics.isEmpty()) {
            m.put("weighted_metrics", metricsJson(weightedMetrics));
        }
        m.put("seed", seed);
        m.put("step", step);
        m.put("random_state", List.of(randomState[0], randomState[1]));
        return Json.write(m, "the model description");
    }

    /**
     * Parses and type-checks a description of format {@code version} (1 or 2); every problem is a
     * {@link ModelFormatException}.
     */
    static ModelDescription fromJson(String json, Path file, int version) throws ModelFormatException {
        JsonFields f = new JsonFields(file);
        String where = "the model description";
        Map<String, Object> m = f.object(Json.parse(json, file, where), where);
        f.onlyKeys(m, ALL_KEYS, where);
        int inputWidth = (int) f.integer(f.required(m, "input_width", where), 1, MAX_WIDTH, where + ".input_width");

        List<Object> rawLayers = f.list(m, "layers", where);
        if (rawLayers.isEmpty() || rawLayers.size() > MAX_LAYERS) {
            throw f.error(where + " has " + rawLayers.size() + " layers, expected 1 to " + MAX_LAYERS);
        }
        List<LayerEntry> layers = new ArrayList<>();
        for (int i = 0; i < rawLayers.size(); i++) {
            String lw = where + ".layers[" + i + "]";
            Map<String, Object> l = f.object(rawLayers.get(i), lw);
            f.onlyKeys(l, Set.of("type", "config"), lw);
            layers.add(new LayerEntry(f.string(l, "type", lw), f.object(l, "config", lw)));
        }

        if (version >= 2) {
            for (String key : KEYS) {
                f.required(m, key, where);
            }
        }
        String loss;
        Map<String, Object> lossConfig;
        if (version == 1) {
            loss = f.string(m, "loss", where);
            lossConfig = Map.of();
        } else {
            Map<String, Object> l = f.object(m, "loss", where);
            f.onlyKeys(l, Set.of("name", "config"), where + ".loss");
            loss = f.string(l, "name", where + ".loss");
            lossConfig = f.object(l, "config", where + ".loss");
        }
        Map<String, Object> opt = f.object(m, "optimizer", where);
        f.onlyKeys(opt, Set.of("name", "config"), where + ".optimizer");
        String optimizer = f.string(opt, "name", where + ".optimizer");
        Map<String, Object> optimizerConfig = f.object(opt, "config", where + ".optimizer");

        List<MetricEntry> metrics = metricEntries(f, f.list(m, "metrics", where), where + ".metrics");
        List<MetricEntry> weighted = m.containsKey("weighted_metrics")
                ? metricEntries(f, f.list(m, "weighted_metrics", where), where + ".weighted_metrics") : List.of();

        long seed = f.integer(m, "seed", where);
        long step = f.integer(f.required(m, "step", where), 0, MAX_STEP, where + ".step");
        List<Object> rs = f.list(m, "random_state", where);
        if (rs.size() != 2) {
            throw f.error(where + ".random_state has " + rs.size() + " values, expected 2 (shuffling, dropout)");
        }
        long[] randomState = {f.integer(rs.get(0), where + ".random_state[0]"), f.integer(rs.get(1), where + ".random_state[1]")};
        return new ModelDescription(inputWidth, List.copyOf(layers), loss, lossConfig, optimizer, optimizerConfig,
                List.copyOf(metrics), List.copyOf(weighted), seed, step, randomState);
    }

    private static List<MetricEntry> metricEntries(JsonFields f, List<Object> raws, String where) throws ModelFormatException {
        List<MetricEntry> metrics = new ArrayList<>();
        for (int i = 0; i < raws.size(); i++) {
            String mw = where + "[" + i + "]";
            Object raw = raws.get(i);
            if (raw instanceof Map) {
                Map<String, Object> entry = f.object(raw, mw);
                f.onlyKeys(entry, Set.of("name", "config"), mw);
                metrics.add(new MetricEntry(f.string(entry, "name", mw), f.object(entry, "config", mw)));
            } else {
                metrics.add(new MetricEntry(f.string(raw, mw), Map.of()));
            }
        }
        return metrics;
    }
}
