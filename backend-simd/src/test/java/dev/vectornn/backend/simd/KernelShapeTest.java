package dev.vectornn.backend.simd;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules that turn what the CPU has into kernel shapes, on made-up CPUs. Budget: well under 1 s. */
class KernelShapeTest {

    private static final SimdSettings UNSET = new SimdSettings(0, 0, 0, 0, 16_384, 1024, 1L << 22, 2);

    @Test
    void sixteenRegistersGetTheFourRowTileAndThirtyTwoTheEightRowOne() {
        assertEquals(4, KernelShape.defaultRows(16));
        assertEquals(8, KernelShape.defaultRows(32));
        assertEquals(16, new CpuFeatures("amd64", 0, false, 0, 0, 0).vectorRegisters());
        assertEquals(16, new CpuFeatures("amd64", 2, true, 0, 0, 0).vectorRegisters());
        assertEquals(32, new CpuFeatures("amd64", 3, true, 0, 0, 0).vectorRegisters());
        assertEquals(32, new CpuFeatures("aarch64", -1, true, 0, 0, 0).vectorRegisters());
    }

    @Test
    void onlySixteenRegistersWithoutFmaGetThreeVectorsPerRow() {
        assertEquals(3, KernelShape.defaultVectors(16, false, 4));
        assertEquals(2, KernelShape.defaultVectors(16, true, 4));
        assertEquals(2, KernelShape.defaultVectors(32, false, 8));
        assertEquals(2, KernelShape.defaultVectors(16, false, 6));
    }

    @Test
    void threeVectorsPerRowWithSixRowsIsRefusedByName() {
        String oldMr = System.getProperty("vectornn.simd.mr");
        System.setProperty("vectornn.simd.mr", "6");
        System.setProperty("vectornn.simd.nv", "3");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, SimdSettings::fromSystemProperties);
            assertTrue(e.getMessage().contains("-Dvectornn.simd.nv=3") && e.getMessage().contains("mr=6"), e.getMessage());
        } finally {
            System.clearProperty("vectornn.simd.nv");
            if (oldMr == null) {
                System.clearProperty("vectornn.simd.mr");
            } else {
                System.setProperty("vectornn.simd.mr", oldMr);
            }
        }
    }

    @Test
    void blocksFollowTheCacheSizes() {
        CpuFeatures zen = new CpuFeatures("amd64", 3, true, 48 << 10, 1 << 20, 32 << 20);
        assertEquals(new KernelShape.Blocks(128, 512, 4096), KernelShape.blocks(UNSET, zen));
        CpuFeatures smallL1 = new CpuFeatures("amd64", 2, true, 16 << 10, 256 << 10, 2 << 20);
        // kc 256; mc = 256 KiB / 4 / (4·256) = 64; nc = 2 MiB / 4 / 1024 = 512
        assertEquals(new KernelShape.Blocks(64, 256, 512), KernelShape.blocks(UNSET, smallL1));
    }

    @Test
    void unknownCachesGiveSafeDefaultsAndPropertiesWin() {
        CpuFeatures unknown = new CpuFeatures("amd64", 2, true, 0, 0, 0);
        assertEquals(new KernelShape.Blocks(96, 256, 2048), KernelShape.blocks(UNSET, unknown));
        SimdSettings set = new SimdSettings(0, 40, 100, 300, 16_384, 1024, 1L << 22, 2);
        assertEquals(new KernelShape.Blocks(40, 100, 300), KernelShape.blocks(set, unknown));
    }

    @Test
    void sysfsSizesParse() {
        assertEquals(48 << 10, CpuFeatures.parseSize("48K"));
        assertEquals(32 << 20, CpuFeatures.parseSize("32M"));
        assertEquals(512, CpuFeatures.parseSize("512"));
        assertEquals(0, CpuFeatures.parseSize("lots"));
    }

    @Test
    void aTileHeightThatIsNotFourSixOrEightIsRefusedByName() {
        String old = System.getProperty("vectornn.simd.mr");
        System.setProperty("vectornn.simd.mr", "5");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, SimdSettings::fromSystemProperties);
            assertTrue(e.getMessage().contains("-Dvectornn.simd.mr=5") && e.getMessage().contains("4, 6 or 8"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty("vectornn.simd.mr");
            } else {
                System.setProperty("vectornn.simd.mr", old);
            }
        }
    }
}
