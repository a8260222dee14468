package dev.provisioningstatus.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The CPU time of a {@code /proc} stat line, which the benchmarks put per event and per thread. */
class ChildJvmStatTest {

    @Test
    void cpuSecondsAreUserAndSystemTicksInHundredthsOfASecond() {
        String stat = "4242 (java) S 1 4242 4242 0 -1 4194560 8912 0 0 0 1234 566 0 0 20 0 40 0 100 0 0";

        assertThat(ChildJvm.cpuSecondsOfStat(stat)).isEqualTo(18.0);
    }

    @Test
    void aThreadNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String stat = "4250 (C2 Compiler) x) S 1 4242 4242 0 -1 4194560 10 0 0 0 300 25 0 0 20 0 40 0 100 0 0";

        assertThat(ChildJvm.cpuSecondsOfStat(stat)).isEqualTo(3.25);
    }
}
