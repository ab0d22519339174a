package dev.samtykke.servlet.browser;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** What the banner tests do with a browser, in the banner's own words (layers, buttons, switches). */
final class BannerDriver {

    static final By FIRST_LAYER = By.cssSelector(".sk-1[role=dialog]");
    static final By SETTINGS = By.cssSelector(".sk-2[role=dialog]");
    static final By CONTROL = By.cssSelector("button.sk-pc");
    static final By SWITCHES = By.cssSelector("input[role=switch]");

    final ChromeDriver driver;
    private final WebDriverWait wait;

    BannerDriver(ChromeDriver driver) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(10));
    }

    BannerDriver get(String url) {
        driver.get(url);
        return this;
    }

    WebElement firstLayer() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(FIRST_LAYER));
    }

    WebElement settings() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(SETTINGS));
    }

    WebElement control() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(CONTROL));
    }

    void waitVisible(WebElement element) {
        wait.until(ExpectedConditions.visibilityOf(element));
    }

    void waitGone(By layer) {
        wait.until(ExpectedConditions.invisibilityOfElementLocated(layer));
    }

    /** The visible text of the element that labels {@code dialog} (its aria-labelledby). */
    String titleOf(WebElement dialog) {
        return driver.findElement(By.id(dialog.getAttribute("aria-labelledby"))).getText();
    }

    WebElement button(WebElement layer, String text) {
        return layer.findElement(By.xpath(".//button[normalize-space()='" + text + "']"));
    }

    List<String> buttonTexts(WebElement layer, String css) {
        return layer.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    /** The on/off switch of a purpose or category, found by the title it is labelled with. */
    WebElement switchFor(WebElement settings, String title) {
        return settings.findElements(SWITCHES).stream()
                .filter(s -> driver.findElement(By.id(s.getAttribute("aria-labelledby"))).getText().equals(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no switch labelled " + title));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Whether the page global {@code name} (set only by a gated script) is defined. */
    boolean ran(String name) {
        return Boolean.TRUE.equals(js("return window[arguments[0]] === true", name));
    }

    void waitRan(String name) {
        wait.until(d -> ran(name));
    }

    Cookie cookie(String name) {
        return driver.manage().getCookieNamed(name);
    }

    void waitNoCookie(String name) {
        wait.until(d -> cookie(name) == null);
    }

    /** The Google Consent Mode {@code update} commands the page's dataLayer received, oldest first. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> consentModeUpdates() {
        return (List<Map<String, Object>>) js("return (window.dataLayer || [])"
                + ".filter(a => a[0] === 'consent' && a[1] === 'update').map(a => a[2])");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> bannerState() {
        return (Map<String, Object>) js("return window.Samtykke && window.Samtykke.state");
    }

    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    void tab() {
        press(Keys.TAB);
    }

    void shiftTab() {
        new Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
    }

    void waitFocused(WebElement element) {
        wait.until(d -> element.equals(focused()));
    }

    /** Waits until the banner's entry animation (if any) has finished, for stable measurements. */
    void settle() {
        wait.until(d -> Boolean.TRUE.equals(js("return document.getAnimations().every(a => a.playState !== 'running')")));
    }
}
