package org.opportune.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

/**
 * Debian's Chromium driven by Playwright, headless, for the browser tests. Playwright never downloads
 * a browser here ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1}); a missing {@code /usr/bin/chromium}
 * fails the test with what to install ({@code .ci/run} installs it).
 */
public final class Chromium implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of(System.getProperty("opportune.test.chromium", "/usr/bin/chromium"));

    private final Playwright playwright;
    private final Browser browser;

    public Chromium() {
        if (!Files.isExecutable(EXECUTABLE)) {
            throw new IllegalStateException(EXECUTABLE + " is missing: install Debian's chromium package (apt-get install chromium), as .ci/run does");
        }
        playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }

    /** A fresh browser profile: its own cookies, as a second person on another machine. */
    public BrowserContext newContext(int port) {
        return browser.newContext(new Browser.NewContextOptions().setBaseURL("http://127.0.0.1:" + port)
                .setViewportSize(1280, 900));
    }

    /** A fresh browser profile with a window of this size, such as 390 × 844 for a phone. */
    public BrowserContext newContext(int port, int width, int height) {
        return browser.newContext(new Browser.NewContextOptions().setBaseURL("http://127.0.0.1:" + port)
                .setViewportSize(width, height));
    }

    /** A fresh browser profile with JavaScript switched off: what the pages' fallbacks must work in. */
    public BrowserContext newContextWithoutJavaScript(int port) {
        return browser.newContext(new Browser.NewContextOptions().setBaseURL("http://127.0.0.1:" + port)
                .setViewportSize(1280, 900).setJavaScriptEnabled(false));
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
