java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar e2e\.ColdStartBenchmark -f 10 -wi 0 -i 1 -p backend=scalar,simd -rf json -rff bench/results/cold.json
