package dev.vectornn.data.csv;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LabelColumnTest {

    /** 300 distinct labels (more than a byte code can name) over 40,000 rows (more than two chunks). */
    @Test
    void moreDistinctLabelsThanAByteCodeKeepEveryRowsLabel() {
        StringBuilder csv = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            String label = "class" + (i * 7919 % 300);
            csv.append(i).append(',').append(label).append('\n');
            expected.add(label);
        }
        LabeledData d = Csv.read(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)), "many.csv")
                .label(1).load();
        assertEquals(expected, d.labels());
        assertEquals(300, d.labels().stream().distinct().count());
        assertEquals(39_999f, d.features()[39_999][0]);
    }

    @Test
    void theLabelsOfAReadAreUnmodifiable() {
        LabeledData d = Csv.read(new ByteArrayInputStream("1,a\n2,b\n".getBytes(StandardCharsets.UTF_8)), "t.csv")
                .label(1).load();
        assertThrows(UnsupportedOperationException.class, () -> d.labels().set(0, "b"));
        assertThrows(UnsupportedOperationException.class, () -> d.labels().add("c"));
        assertThrows(IndexOutOfBoundsException.class, () -> d.labels().get(2));
    }
}
