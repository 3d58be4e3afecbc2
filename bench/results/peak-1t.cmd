java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar peak\.PeakFmaBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -t 1 -rf json -rff bench/results/peak-1t.json
