package dev.vectornn.backend.simd;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the JVM and the OS say about the CPU the kernels run on, without loading any Vector API
 * class: the instruction set HotSpot uses ({@code -XX:UseAVX}, {@code -XX:UseFMA}, which already
 * reflect both the CPU and any flags that restrict it), the architecture, and the data cache sizes
 * Linux publishes in {@code /sys/devices/system/cpu/cpu0/cache}. Each value is read once.
 *
 * @param arch        {@code os.arch}, lower case
 * @param useAvx      HotSpot's {@code UseAVX} level (0 SSE only, 1 AVX, 2 AVX2, 3 AVX-512), −1 if
 *                    not an x86 HotSpot
 * @param fma         whether HotSpot uses fused multiply-add instructions ({@code UseFMA})
 * @param l1d         L1 data cache in bytes, 0 if unknown
 * @param l2          L2 cache in bytes, 0 if unknown
 * @param l3          L3 cache in bytes, 0 if unknown
 */
record CpuFeatures(String arch, int useAvx, boolean fma, long l1d, long l2, long l3) {

    private static final Path CACHES = Path.of("/sys/devices/system/cpu/cpu0/cache");

    /** The features of this JVM's CPU. */
    static final CpuFeatures CURRENT = read();

    private static CpuFeatures read() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String avx = option("UseAVX");
        int useAvx = avx == null ? -1 : parseOr(avx, -1);
        boolean fma = "true".equals(option("UseFMA"));
        return new CpuFeatures(arch, useAvx, fma, cache(1, "Data"), cache(2, "Unified"), cache(3, "Unified"));
    }

    /**
     * Vector registers the JIT can allocate: 32 on AArch64 (NEON/SVE) and with AVX-512 (its EVEX
     * encoding adds zmm/ymm/xmm16–31, whatever width is used), else 16 (SSE, AVX, AVX2).
     */
    int vectorRegisters() {
        if (arch.equals("aarch64") || useAvx >= 3) {
            return 32;
        }
        return 16;
    }

    /** Why {@link #vectorRegisters()} says what it says, for {@code describe()}. */
    String registersReason() {
        if (arch.equals("aarch64")) {
            return "aarch64";
        }
        if (useAvx >= 3) {
            return "UseAVX=3, AVX-512";
        }
        return useAvx >= 0 ? "UseAVX=" + useAvx + ", no AVX-512" : arch + ", assumed";
    }

    private static String option(String name) {
        try {
            HotSpotDiagnosticMXBean bean = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (bean == null) {
                return null;
            }
            VMOption o = bean.getVMOption(name);
            return o == null ? null : o.getValue();
        } catch (RuntimeException | LinkageError e) {
            return null; // not HotSpot, or the option does not exist on this architecture
        }
    }

    private static int parseOr(String text, int fallback) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** Size in bytes of cpu0's cache of that level and type ("Data" or "Unified"), 0 if unknown. */
    private static long cache(int level, String type) {
        for (int index = 0; index < 8; index++) {
            Path dir = CACHES.resolve("index" + index);
            try {
                if (!Files.isDirectory(dir)) {
                    break;
                }
                if (Integer.parseInt(Files.readString(dir.resolve("level")).strip()) == level
                        && Files.readString(dir.resolve("type")).strip().equals(type)) {
                    return parseSize(Files.readString(dir.resolve("size")).strip());
                }
            } catch (IOException | RuntimeException e) {
                return 0; // unreadable (containers may hide sysfs): fall back to safe defaults
            }
        }
        return 0;
    }

    /** Parses sysfs sizes such as {@code 48K}, {@code 1024K}, {@code 32M}. */
    static long parseSize(String text) {
        long unit = 1;
        String digits = text;
        char last = text.isEmpty() ? ' ' : Character.toUpperCase(text.charAt(text.length() - 1));
        if (last == 'K' || last == 'M' || last == 'G') {
            unit = last == 'K' ? 1L << 10 : last == 'M' ? 1L << 20 : 1L << 30;
            digits = text.substring(0, text.length() - 1);
        }
        try {
            return Long.parseLong(digits.strip()) * unit;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
