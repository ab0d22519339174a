package dev.samtykke.spring.internal;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/** The "nothing" of a return type, for a gated method that does not run. */
public final class EmptyValues {

    private EmptyValues() {
    }

    /**
     * The empty value of a type.
     *
     * @param type a method's return type
     * @return {@code 0}/{@code false} for primitives, an empty {@code Optional}, collection, map, stream
     *         or array, a completed future of {@code null}, else {@code null}
     */
    public static Object of(Class<?> type) {
        if (type.isPrimitive()) {
            return primitive(type);
        }
        if (type.isArray()) {
            return Array.newInstance(type.getComponentType(), 0);
        }
        if (type == Optional.class) {
            return Optional.empty();
        }
        if (type == OptionalInt.class) {
            return OptionalInt.empty();
        }
        if (type == OptionalLong.class) {
            return OptionalLong.empty();
        }
        if (type == OptionalDouble.class) {
            return OptionalDouble.empty();
        }
        if (type.isAssignableFrom(List.class)) {
            return List.of();
        }
        if (type.isAssignableFrom(Set.class)) {
            return Set.of();
        }
        if (type == SortedSet.class || type == NavigableSet.class) {
            return Collections.emptyNavigableSet();
        }
        if (type.isAssignableFrom(Map.class)) {
            return Map.of();
        }
        if (type == SortedMap.class || type == NavigableMap.class) {
            return Collections.emptyNavigableMap();
        }
        if (type == Collection.class || type == Iterable.class) {
            return List.of();
        }
        if (type == Stream.class) {
            return Stream.empty();
        }
        if (type == IntStream.class) {
            return IntStream.empty();
        }
        if (type == LongStream.class) {
            return LongStream.empty();
        }
        if (type == DoubleStream.class) {
            return DoubleStream.empty();
        }
        if (type == CompletableFuture.class || type == CompletionStage.class || type == Future.class) {
            return CompletableFuture.completedFuture(null);
        }
        return null;
    }

    private static Object primitive(Class<?> type) {
        if (type == void.class) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        if (type == short.class) {
            return (short) 0;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == float.class) {
            return 0f;
        }
        return 0d;
    }
}
