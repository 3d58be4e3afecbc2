package dev.vectornn.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** A real in-process Spark for tests: no UI, loopback driver, warnings only. */
final class LocalSpark {

    private LocalSpark() {
    }

    static SparkSession start(String master) {
        SparkSession spark = SparkSession.builder()
                .master(master)
                .appName("vectornn-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "4")
                .getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        return spark;
    }

    static JavaSparkContext context(SparkSession spark) {
        return JavaSparkContext.fromSparkContext(spark.sparkContext());
    }
}
