java --add-modules jdk.incubator.vector -jar bench/target/benchmarks.jar e2e\.ColdStartBenchmark -f 2 -wi 0 -i 1 -p backend=scalar -rf json -rff bench/results/cold.json
