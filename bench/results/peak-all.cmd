java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar peak\.PeakFmaBenchmark -f 1 -wi 2 -w 500ms -i 2 -r 200ms -t max -rf json -rff bench/results/peak-all.json
