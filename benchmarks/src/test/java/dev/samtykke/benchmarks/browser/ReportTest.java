package dev.samtykke.benchmarks.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Report.median(new double[] {9, 1, 5})).isEqualTo(5);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Report.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }

    @Test
    void medianLeavesOutLoadsThatMeasuredNothing() {
        assertThat(Report.median(new double[] {Double.NaN, 7, 3})).isEqualTo(5);
        assertThat(Report.median(new double[] {Double.NaN})).isNaN();
    }
}
