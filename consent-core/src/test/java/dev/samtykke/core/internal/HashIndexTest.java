package dev.samtykke.core.internal;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashIndexTest {

    @Test
    void findsEachKeysPositionAndNothingForOtherKeys() {
        long seed = 12;
        System.out.println("HashIndexTest seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        int[] keys = IntStream.generate(() -> random.nextInt() >>> 1).distinct().limit(200).toArray();
        HashIndex index = new HashIndex(keys);

        for (int i = 0; i < keys.length; i++) {
            assertThat(index.positionOf(keys[i])).isEqualTo(i);
        }
        for (int i = 0; i < 1_000; i++) {
            int other = random.nextInt();
            if (IntStream.of(keys).noneMatch(k -> k == other)) {
                assertThat(index.positionOf(other)).isEqualTo(-1);
            }
        }
    }

    @Test
    void findsKeysThatShareTheirSlot() {
        // 16 keys that all fall into slot 0 of any table of up to 2^16 slots
        int[] keys = IntStream.range(1, 17).map(i -> i << 16).toArray();
        HashIndex index = new HashIndex(keys);

        for (int i = 0; i < keys.length; i++) {
            assertThat(index.positionOf(keys[i])).isEqualTo(i);
        }
        assertThat(index.positionOf(17 << 16)).isEqualTo(-1);
        assertThat(index.positionOf(0)).isEqualTo(-1);
    }

    @Test
    void anEmptyIndexFindsNothingAndRepeatedKeysAreRefused() {
        assertThat(new HashIndex(new int[0]).positionOf(0)).isEqualTo(-1);
        assertThatThrownBy(() -> new HashIndex(new int[] {5, 7, 5})).isInstanceOf(IllegalArgumentException.class);
    }
}
