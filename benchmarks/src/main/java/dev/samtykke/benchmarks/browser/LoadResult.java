package dev.samtykke.benchmarks.browser;

import java.util.List;

/**
 * What one load of one tool's page measured (definitions in benchmarks/README.md, "Banner weight and speed").
 *
 * @param tool the banner
 * @param detected whether the first layer became interactive within the time-out; if not, the timings are NaN
 * @param scriptMs main-thread scripting (DevTools {@code ScriptDuration}) from navigation until the first layer
 *        was interactive, at 4x CPU throttling
 * @param taskMs all main-thread work ({@code TaskDuration}) over the same span
 * @param attachedMs from {@code DOMContentLoaded} (its start) to the frame in which the first layer was in the document
 * @param visibleMs from {@code DOMContentLoaded} (its start) to the frame in which the first layer was visible
 * @param interactiveMs from {@code DOMContentLoaded} to the frame in which the first layer was interactive
 * @param sinceNavigationMs from the start of navigation to the frame in which the first layer was interactive
 * @param acceptText the text of the accept-all button the probe found
 * @param layoutShift the sum of the page's layout-shift scores until one second after the first layer was interactive
 * @param shiftSources the nodes the layout shifts named, for a reader to see what moved
 * @param documentBytes the page's HTML as transferred (gzip), headers excluded
 * @param resources every other response the page loaded until one second after the first layer was interactive
 */
record LoadResult(BannerTool tool, boolean detected, double scriptMs, double taskMs, double attachedMs, double visibleMs,
        double interactiveMs, double sinceNavigationMs, String acceptText, double layoutShift, List<String> shiftSources, long documentBytes,
        List<Resource> resources) {

    LoadResult {
        shiftSources = List.copyOf(shiftSources);
        resources = List.copyOf(resources);
    }

    /** Bytes of the banner's responses as transferred (gzip body), headers excluded. */
    long bannerBytes() {
        return resources.stream().mapToLong(Resource::encodedBytes).sum();
    }

    /**
     * From {@code DOMContentLoaded} to the end of the last banner response that arrived before the first layer
     * was interactive: how much of {@link #visibleMs} was spent waiting for the network and the server.
     */
    double lastResponseMs() {
        return resources.stream().mapToDouble(Resource::endMs).filter(end -> end <= sinceNavigationMs).max()
                .orElse(Double.NaN) - (sinceNavigationMs - interactiveMs);
    }

    /** Bytes of the banner's script and style sheets only (gzip body). */
    long scriptAndStyleBytes() {
        return resources.stream().filter(Resource::scriptOrStyle).mapToLong(Resource::encodedBytes).sum();
    }

    /**
     * One response of the page (Resource Timing).
     *
     * @param path the URL path
     * @param initiator the Resource Timing {@code initiatorType} ({@code script}, {@code link}, {@code fetch}, …)
     * @param encodedBytes {@code encodedBodySize}: the body as transferred, here gzip
     * @param decodedBytes {@code decodedBodySize}: the body after decompression
     * @param endMs {@code responseEnd}: when its last byte arrived, from the start of navigation
     */
    record Resource(String path, String initiator, long encodedBytes, long decodedBytes, double endMs) {
        boolean scriptOrStyle() {
            return path.endsWith(".js") || path.endsWith(".css");
        }
    }
}
