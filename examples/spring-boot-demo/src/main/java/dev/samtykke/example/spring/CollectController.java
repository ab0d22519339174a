package dev.samtykke.example.spring;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Local stand-ins for the collection endpoints of Google Analytics and Meta Pixel. They are tracking
 * paths ({@code samtykke.tracking-paths} in application.properties): without consent the consent
 * filter answers 204 and this code never runs.
 */
@RestController
public class CollectController {

    private final StandInCollector collector;

    /**
     * @param collector where hits are kept
     */
    public CollectController(StandInCollector collector) {
        this.collector = collector;
    }

    /** The Google Analytics stand-in. */
    @RequestMapping(path = "/collect/ga", method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<Void> googleAnalytics(@RequestParam(defaultValue = "") String page) {
        collector.record("ga", page);
        return ResponseEntity.noContent().build();
    }

    /** The Meta Pixel stand-in. */
    @RequestMapping(path = "/collect/fb", method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<Void> metaPixel(@RequestParam(defaultValue = "") String page) {
        collector.record("fb", page);
        return ResponseEntity.noContent().build();
    }

    /** What the stand-ins received, to see consent at work. */
    @GetMapping("/demo/hits")
    public List<StandInCollector.Hit> hits() {
        return collector.hits();
    }
}
