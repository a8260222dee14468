package dev.provisioningstatus.benchmarks;

import dev.provisioningstatus.benchmarks.report.Section;

/** One benchmark: runs against real parts it starts itself and returns its figures beside their baselines. */
public interface Benchmark {

    String name();

    Section run(Context context) throws Exception;
}
