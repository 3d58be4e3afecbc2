package dev.vectornn.backend.simd;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import dev.vectornn.spi.Availability;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether the Vector API kernels can run well in this JVM, in the order Lucene's
 * {@code VectorizationProvider} uses: a HotSpot VM, not a JVMCI compiler, C2 enabled, the
 * {@code jdk.incubator.vector} module readable, a preferred vector of at least 128 bits.
 *
 * <p>Everything up to the module check touches no Vector API class; only the last step loads
 * {@link Lanes}, and only once the module is known to be there.
 */
final class JvmChecks {

    /** The exact JVM flag that makes the incubator module available on the class path. */
    static final String ADD_MODULES_FLAG = "--add-modules jdk.incubator.vector";
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    private JvmChecks() {
    }

    /** Runs every check in order; the first that fails is the answer. */
    static Availability check(SimdSettings settings) {
        Optional<HotSpotDiagnosticMXBean> hotspot = hotSpotBean();
        if (hotspot.isEmpty()) {
            return Availability.unavailable("not a HotSpot JVM (java.vm.name=" + System.getProperty("java.vm.name")
                    + "): the Vector API is only compiled to SIMD instructions by HotSpot's C2",
                    "run on a HotSpot JVM such as OpenJDK or Temurin");
        }
        HotSpotDiagnosticMXBean bean = hotspot.get();
        if ("true".equals(option(bean, "UseJVMCICompiler"))) {
            return Availability.unavailable("a JVMCI compiler (e.g. Graal) replaces C2, which intrinsifies the Vector API",
                    "run without -XX:+UseJVMCICompiler");
        }
        String c2 = c2Problem(bean);
        if (c2 != null) {
            return Availability.unavailable(c2 + ", so Vector API code would never be compiled to SIMD instructions",
                    "remove that JVM flag");
        }
        Optional<Module> vector = ModuleLayer.boot().findModule(VECTOR_MODULE);
        if (vector.isEmpty()) {
            return Availability.unavailable("the module " + VECTOR_MODULE + " is not in the boot layer",
                    "add the JVM flag " + ADD_MODULES_FLAG);
        }
        if (!JvmChecks.class.getModule().canRead(vector.get())) {
            return Availability.unavailable("the module " + JvmChecks.class.getModule() + " cannot read " + VECTOR_MODULE,
                    "add the JVM flag " + ADD_MODULES_FLAG + " (or --add-reads for this module)");
        }
        // From here on the Vector API is loadable.
        int preferred = Lanes.preferredBits();
        if (preferred < 128) {
            return Availability.unavailable("the CPU's preferred float vector is only " + preferred + " bits",
                    "use the scalar backend on this machine");
        }
        if (settings.bits() > preferred) {
            return Availability.unavailable("-D" + SimdSettings.PREFIX + "bits=" + settings.bits()
                    + " is wider than this CPU's " + preferred + "-bit vectors (the Vector API would emulate it slowly)",
                    "use -D" + SimdSettings.PREFIX + "bits=" + preferred + " or less, or remove the property");
        }
        return Availability.ok();
    }

    /** The diagnostic bean, present only on HotSpot (and in JDKs that ship jdk.management). */
    private static Optional<HotSpotDiagnosticMXBean> hotSpotBean() {
        String vm = System.getProperty("java.vm.name", "");
        if (!vm.contains("HotSpot") && !vm.startsWith("OpenJDK")) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    private static String option(HotSpotDiagnosticMXBean bean, String name) {
        try {
            VMOption o = bean.getVMOption(name);
            return o == null ? null : o.getValue();
        } catch (RuntimeException e) {
            return null; // the option does not exist in this VM
        }
    }

    /** Why C2 is off, or null when it is on. */
    private static String c2Problem(HotSpotDiagnosticMXBean bean) {
        String info = System.getProperty("java.vm.info", "");
        if (info.contains("interpreted mode") || "false".equals(option(bean, "UseCompiler"))) {
            return "the JVM runs interpreted only (-Xint)";
        }
        String tiered = option(bean, "TieredCompilation");
        String stop = option(bean, "TieredStopAtLevel");
        if (!"false".equals(tiered) && stop != null) {
            try {
                if (Integer.parseInt(stop) < 4) {
                    return "-XX:TieredStopAtLevel=" + stop + " stops compilation before C2";
                }
            } catch (NumberFormatException e) {
                // not a level: leave the decision to the checks below
            }
        }
        if (info.contains("emulated-client")) {
            return "the JVM emulates a client VM (C1 only)";
        }
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (args.contains("-Xint")) {
            return "the JVM runs interpreted only (-Xint)";
        }
        return null;
    }
}
