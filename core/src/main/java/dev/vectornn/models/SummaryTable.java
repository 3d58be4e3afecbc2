package dev.vectornn.models;

import dev.vectornn.layers.Layer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws {@link Sequential#summary()}'s table of layers in Keras' box style, or with {@code +-=|}
 * where standard output cannot encode box-drawing characters (see {@link TerminalText}).
 */
final class SummaryTable {

    /**
     * The frame's characters by position: top corners and join, heavy line; header edge; header
     * rule's ends and join; body edge; inner rule's ends, join and line; bottom corners and join.
     */
    private static final String UNICODE = "┏┳┓━┃┡╇┩│├┼┤─└┴┘";
    private static final String ASCII = "+++=|+++|+++-+++";

    private SummaryTable() {
    }

    /** {@link #layers(Network, boolean)} in the characters standard output can encode. */
    static String layers(Network network) {
        return layers(network, TerminalText.unicode(System.out));
    }

    /** The table of layers (name, output shape, parameters), the totals and the input width. */
    static String layers(Network network, boolean unicode) {
        String[] head = {"Layer (type)", "Output Shape", "Param #"};
        List<String[]> rows = new ArrayList<>();
        Map<String, Integer> seen = new LinkedHashMap<>();
        long total = 0;
        long trainableTotal = 0;
        for (int l = 0; l < network.layerCount(); l++) {
            Layer layer = network.layer(l);
            // Keras names repeated layers dense, dense_1, dense_2 ...
            int count = seen.merge(layer.typeName(), 1, Integer::sum);
            String name = layer.typeName() + (count > 1 ? "_" + (count - 1) : "");
            int trainable = layer.parameterCount(network.width(l));
            int p = trainable + layer.nonTrainableCount(network.width(l)); // Keras counts both per layer
            total += p;
            trainableTotal += trainable;
            rows.add(new String[] {name + " (" + layer + ")", "(None, " + network.width(l + 1) + ")", String.format("%,d", p)});
        }
        int[] w = {32, 24, 12};
        for (String[] r : rows) {
            for (int i = 0; i < 3; i++) {
                w[i] = Math.max(w[i], r[i].length() + 2);
            }
        }
        StringBuilder sb = new StringBuilder("Model: \"sequential\"\n");
        String g = unicode ? UNICODE : ASCII;
        sb.append(rule(g.charAt(0), g.charAt(1), g.charAt(2), g.charAt(3), w)).append('\n');
        sb.append(row(g.charAt(4), head, w)).append('\n');
        sb.append(rule(g.charAt(5), g.charAt(6), g.charAt(7), g.charAt(3), w)).append('\n');
        for (int i = 0; i < rows.size(); i++) {
            sb.append(row(g.charAt(8), rows.get(i), w)).append('\n');
            sb.append(i < rows.size() - 1 ? rule(g.charAt(9), g.charAt(10), g.charAt(11), g.charAt(12), w)
                    : rule(g.charAt(13), g.charAt(14), g.charAt(15), g.charAt(12), w)).append('\n');
        }
        sb.append(String.format(" Total params: %,d%n Trainable params: %,d%n Non-trainable params: %,d%n",
                total, trainableTotal, total - trainableTotal));
        sb.append(" Input width: ").append(network.inputWidth());
        return sb.toString();
    }

    private static String rule(char left, char mid, char right, char line, int[] w) {
        StringBuilder sb = new StringBuilder().append(left);
        for (int i = 0; i < w.length; i++) {
            sb.append(String.valueOf(line).repeat(w[i])).append(i < w.length - 1 ? mid : right);
        }
        return sb.toString();
    }

    /** A row of cells; the parameter count (third column) is right-aligned, as in Keras. */
    private static String row(char edge, String[] cells, int[] w) {
        StringBuilder sb = new StringBuilder().append(edge);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            sb.append(i == 2 ? " ".repeat(w[i] - c.length() - 1) + c + " " : " " + c + " ".repeat(w[i] - c.length() - 1));
            sb.append(edge);
        }
        return sb.toString();
    }
}
