package dev.ticketing.proof.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's headless Debian chromium, driven through /usr/bin/chromedriver (never Selenium Manager: no
 * download), with its own profile and so its own cookies. {@link #close} ends chromium and chromedriver.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private final String name;
    private final String baseUrl;
    private final Path shots;
    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final NetworkLog network = new NetworkLog();

    Browser(String name, String baseUrl, Path shots) throws IOException {
        this(name, baseUrl, shots, true);
    }

    /** A browser with JavaScript switched off for every site, as a person may have it. */
    static Browser withoutJavaScript(String name, String baseUrl, Path shots) throws IOException {
        return new Browser(name, baseUrl, shots, false);
    }

    private Browser(String name, String baseUrl, Path shots, boolean javaScript) throws IOException {
        this.name = name;
        this.baseUrl = baseUrl;
        this.shots = shots;
        this.profile = Files.createTempDirectory("ticketing-chromium-" + name);
        this.service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1000,900", "--user-data-dir=" + profile);
        // The page's console, for failures; the performance log, for the requests the page made.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL", "performance", "ALL"));
        if (!javaScript) options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        this.driver = new ChromeDriver(service, options);
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** The element, once the page shows it (a navigation may still be under way on a loaded machine). */
    WebElement find(String css) {
        return until("find " + css, Duration.ofSeconds(10),
                d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    void fill(String css, String text) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(text);
    }

    /**
     * Posts the form and waits for the page it leads to: a loaded machine may return from the click before
     * the navigation has even begun, and the next look would then be at the old page.
     */
    void submit(String formCss) {
        driver.executeScript("window.__journeySubmitted = true;");
        click(formCss + " button[type=submit]");
        until("the page after submitting " + formCss, Duration.ofSeconds(20), d -> Boolean.TRUE.equals(driver.executeScript(
                "return window.__journeySubmitted === undefined && document.readyState === 'complete';")));
    }

    /** A live region may re-render the element at that moment: then again, bounded. */
    void click(String css) {
        until("click " + css, Duration.ofSeconds(10), d -> {
            try {
                find(css).click();
                return true;
            } catch (StaleElementReferenceException e) {
                return false;
            }
        });
    }

    <T> T until(String what, Duration timeout, Function<WebDriver, T> condition) {
        try {
            // A live region may be re-rendered between finding an element and reading it: then look again.
            return new WebDriverWait(driver, timeout).withMessage(name + ": " + what)
                    .ignoring(StaleElementReferenceException.class).until(condition);
        } catch (TimeoutException e) {
            throw new TimeoutException(e.getMessage() + "\nthe page's console:\n" + console(), e);
        }
    }

    /** Marks the loaded document; {@link #sameDocument} is false after any reload or navigation. */
    void markDocument() {
        driver.executeScript("window.__journeyMark = true;");
    }

    boolean sameDocument() {
        return Boolean.TRUE.equals(driver.executeScript("return window.__journeyMark === true;"));
    }

    /** The viewport's size in CSS pixels, as a phone's (window and viewport are one in headless chromium). */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    Object run(String script) {
        return driver.executeScript(script);
    }

    String cookie(String cookieName) {
        Cookie cookie = driver.manage().getCookieNamed(cookieName);
        return cookie == null ? null : cookie.getValue();
    }

    /** Every request made since this browser started, in order, with its answer as far as it came. */
    List<NetworkLog.Request> requests() {
        return network.add(driver.manage().logs().get(LogType.PERFORMANCE).getAll());
    }

    /** The page's console messages of level warning and above since they were last read. */
    List<String> consoleWarnings() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
    }

    private String console() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(Object::toString)
                    .collect(java.util.stream.Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(unavailable: " + e + ")";
        }
    }

    WebDriver driver() {
        return driver;
    }

    String url() {
        return driver.getCurrentUrl();
    }

    void screenshot(String step) {
        try {
            Files.createDirectories(shots);
            File png = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(png.toPath(), shots.resolve(step + "-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
