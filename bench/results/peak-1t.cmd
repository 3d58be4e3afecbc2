java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar peak\.PeakFmaBenchmark -f 1 -wi 2 -w 500ms -i 2 -r 200ms -t 1 -rf json -rff bench/results/peak-1t.json
