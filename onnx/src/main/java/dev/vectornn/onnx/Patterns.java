package dev.vectornn.onnx;

import dev.vectornn.io.ModelFormatException;
import onnx.Onnx.GraphProto;
import onnx.Onnx.NodeProto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the sub-graphs that stand for one vectornn activation or layer: GELU as
 * {@code Div}/{@code Erf}/{@code Add}/{@code Mul}, layer normalization as {@code ReduceMean},
 * {@code Sub}, ... The importer walks one node at a time along a single data path, and these
 * sub-graphs read the data more than once (GELU multiplies {@code x} by a function of {@code x}),
 * so they are found first, over the whole graph, and the walk then takes each as one step.
 *
 * <p>A pattern is a small expression tree ({@link Op} nodes over the data input {@link X} and
 * constant leaves {@link K}); {@link #find} matches it at every node, from the last node back so
 * that the largest match wins, and claims the matched nodes. It checks only the shape of the graph:
 * op types, how the nodes are wired, and that no value inside the pattern is read from outside it.
 * What the constants hold and what the attributes say is checked when the walk reaches the
 * pattern's last node, by its {@link Builder}, which names what does not fit.
 */
final class Patterns {

    /** A node of a pattern. */
    sealed interface P permits Op, X, K, Shared {
    }

    /**
     * A node of type {@code type} whose inputs match {@code inputs} (in either order if
     * {@code commutative}); {@code bind}, if not null, names it for the builder.
     */
    record Op(String type, String bind, boolean commutative, P... inputs) implements P {
    }

    /** The data input: every {@code X} of a pattern is the same value. */
    record X() implements P {
    }

    /** A value from outside the pattern, named for the builder (it must turn out to be a constant). */
    record K(String name) implements P {
    }

    /** A sub-pattern whose value is read twice: the first match names it, later ones must be the same value. */
    record Shared(String name, P pattern) implements P {
    }

    /** What the walk makes of a matched pattern, once its constants are known. */
    interface Builder {
        /**
         * The activation ({@link dev.vectornn.spi.Activation}) or layer ({@link ImportedModel.Spec})
         * that {@code m} stands for, applied to the data {@code x}.
         *
         * @throws ModelFormatException naming what does not fit (a constant, an attribute, a shape)
         */
        Object build(Match m, Flow x, String where) throws ModelFormatException;
    }

    /** The constants the walk has folded so far, by value name. */
    interface Constants {
        /** The constant named {@code value}, or a {@link ModelFormatException} if it is not one. */
        Const get(String value, String what) throws ModelFormatException;
    }

    record Pattern(String what, Op root, Builder builder) {
    }

    /** A pattern matched at node {@code root}: the data input, the named constants and nodes, and the nodes it claims. */
    static final class Match {
        final Pattern pattern;
        final int root;
        String x;
        final Map<String, String> values = new HashMap<>();
        final Map<String, NodeProto> nodes = new HashMap<>();
        final List<Integer> claimed = new ArrayList<>();
        private Constants constants;
        private String where;

        Match(Pattern pattern, int root) {
            this.pattern = pattern;
            this.root = root;
        }

        private Match copy() {
            Match m = new Match(pattern, root);
            m.x = x;
            m.values.putAll(values);
            m.nodes.putAll(nodes);
            m.claimed.addAll(claimed);
            return m;
        }

        private void take(Match m) {
            x = m.x;
            values.clear();
            values.putAll(m.values);
            nodes.clear();
            nodes.putAll(m.nodes);
            claimed.clear();
            claimed.addAll(m.claimed);
        }

        /** Called by the walk at the pattern's last node: where the constants are, and how to name that node. */
        void prepare(Constants c, String where) {
            constants = c;
            this.where = where;
        }

        /** Whether constant leaf {@code name} was part of the match (optional parts of a pattern family). */
        boolean has(String name) {
            return values.containsKey(name);
        }

        /** The constant leaf {@code name}. */
        Const constant(String name) throws ModelFormatException {
            return constants.get(values.get(name), where + " ends a " + pattern.what() + " pattern whose " + name.replace('_', ' '));
        }

        /** The constant leaf {@code name} as one float (a tensor of one value, any rank). */
        float scalar(String name) throws ModelFormatException {
            Const c = constant(name);
            if (!c.isFloat() || c.size() != 1) {
                throw new ModelFormatException(where + " ends a " + pattern.what() + " pattern whose " + name.replace('_', ' ')
                        + " ('" + values.get(name) + "') is a " + c.describe() + "; expected one float");
            }
            return c.floats()[0];
        }

        NodeProto node(String bind) {
            return nodes.get(bind);
        }
    }

    private final GraphProto graph;
    private final Map<String, Integer> producer = new HashMap<>();
    private final Map<String, Integer> uses = new HashMap<>();
    private final Set<String> outputs = new HashSet<>();
    private final boolean[] claimed;

    private Patterns(GraphProto graph) {
        this.graph = graph;
        this.claimed = new boolean[graph.getNodeCount()];
        for (int i = 0; i < graph.getNodeCount(); i++) {
            NodeProto n = graph.getNode(i);
            for (String out : n.getOutputList()) {
                producer.putIfAbsent(out, i);
            }
            for (String in : n.getInputList()) {
                uses.merge(in, 1, Integer::sum);
            }
        }
        for (int i = 0; i < graph.getOutputCount(); i++) {
            outputs.add(graph.getOutput(i).getName());
        }
    }

    /**
     * The patterns of {@code table} found in {@code graph}: entry {@code i} is the match whose last
     * node is node {@code i}, or null; {@code claimed} marks every node that belongs to one.
     */
    static Match[] find(GraphProto graph, List<Pattern> table, boolean[] claimedOut) {
        Patterns p = new Patterns(graph);
        Map<String, List<Pattern>> byRoot = new HashMap<>();
        for (Pattern t : table) {
            byRoot.computeIfAbsent(t.root().type(), k -> new ArrayList<>()).add(t);
        }
        Match[] roots = new Match[graph.getNodeCount()];
        for (int i = graph.getNodeCount() - 1; i >= 0; i--) {
            NodeProto n = graph.getNode(i);
            if (p.claimed[i] || n.getOutputCount() != 1 || !isDefaultDomain(n)) {
                continue;
            }
            for (Pattern t : byRoot.getOrDefault(n.getOpType(), List.of())) {
                Match m = new Match(t, i);
                if (p.match(t.root(), n.getOutput(0), m) && p.closed(m)) {
                    for (int j : m.claimed) {
                        p.claimed[j] = true;
                    }
                    roots[i] = m;
                    break;
                }
            }
        }
        System.arraycopy(p.claimed, 0, claimedOut, 0, p.claimed.length);
        return roots;
    }

    static boolean isDefaultDomain(NodeProto n) {
        return n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
    }

    private boolean match(P p, String value, Match m) {
        switch (p) {
            case X x -> {
                if (m.x == null) {
                    m.x = value;
                    return true;
                }
                return m.x.equals(value);
            }
            case K k -> {
                String bound = m.values.putIfAbsent(k.name(), value);
                return bound == null || bound.equals(value);
            }
            case Shared s -> {
                String bound = m.values.get("shared " + s.name());
                if (bound != null) {
                    return bound.equals(value);
                }
                m.values.put("shared " + s.name(), value);
                return match(s.pattern(), value, m);
            }
            case Op op -> {
                Integer i = producer.get(value);
                if (i == null || claimed[i] || m.claimed.contains(i)) {
                    return false;
                }
                NodeProto n = graph.getNode(i);
                if (!n.getOpType().equals(op.type()) || !isDefaultDomain(n) || n.getOutputCount() != 1
                        || n.getInputCount() != op.inputs().length) {
                    return false;
                }
                m.claimed.add(i);
                if (op.bind() != null) {
                    m.nodes.put(op.bind(), n);
                }
                if (op.commutative() && op.inputs().length == 2) {
                    for (int first = 0; first < 2; first++) {
                        Match trial = m.copy();
                        if (match(op.inputs()[first], n.getInput(0), trial) && match(op.inputs()[1 - first], n.getInput(1), trial)) {
                            m.take(trial);
                            return true;
                        }
                    }
                    return false;
                }
                for (int k = 0; k < op.inputs().length; k++) {
                    if (!match(op.inputs()[k], n.getInput(k), m)) {
                        return false;
                    }
                }
                return true;
            }
        }
    }

    /** True if no value computed inside the match, but its result, is read outside it or is a graph output. */
    private boolean closed(Match m) {
        Map<String, Integer> inside = new HashMap<>();
        for (int i : m.claimed) {
            for (String in : graph.getNode(i).getInputList()) {
                inside.merge(in, 1, Integer::sum);
            }
        }
        for (int i : m.claimed) {
            if (i == m.root) {
                continue;
            }
            String out = graph.getNode(i).getOutput(0);
            if (outputs.contains(out) || !uses.getOrDefault(out, 0).equals(inside.getOrDefault(out, 0))) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ building patterns

    static final X IN = new X();

    static K k(String name) {
        return new K(name);
    }

    static Op op(String type, P... inputs) {
        return new Op(type, null, false, inputs);
    }

    /** An {@code Add} or {@code Mul} (or {@code Max}) of two inputs, in either order. */
    static Op either(String type, P a, P b) {
        return new Op(type, null, true, a, b);
    }

    static Op named(String bind, Op o) {
        return new Op(o.type(), bind, o.commutative(), o.inputs());
    }
}
