package io.ponte.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ponte.support.Json;
import io.ponte.support.PonteIntegrationTest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's headless Chromium driven through Debian's chromedriver. An operator
 * signs in, sees a webhook arrive, finds it parked after the CRM refused it, replays it from the dead-letter page
 * once the CRM is fixed, and sees it done. {@code .ci/run} installs the browser; without it the test is skipped
 * with a notice rather than passing silently.
 */
class ConsoleBrowserTest extends PonteIntegrationTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private WebDriver browser;
    private WebDriverWait wait;
    private Path profile;

    @BeforeEach
    void startBrowser() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            System.err.println("NOTICE: ConsoleBrowserTest skipped: /usr/bin/chromium and /usr/bin/chromedriver are "
                    + "not installed (apt-get install chromium chromium-driver; .ci/run does it)");
        }
        assumeTrue(present, "Debian's chromium and chromium-driver are needed for the console's browser test");
        profile = Files.createTempDirectory("ponte-console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the flags that keep Chromium from reaching for Google's hosts, which this network refuses
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void screenshot(String name) throws Exception {
        Path dir = Path.of("target", "console");
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void anOperatorSeesAWebhookFindsItParkedReplaysItAndSeesItDone() throws Exception {
        String base = "http://localhost:" + port;
        browser.get(base + "/console");
        visible(By.id("api-key")).sendKeys("wrong-key", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("sign-in-error"), "refused"));

        WebElement key = visible(By.id("api-key"));
        key.clear();
        key.sendKeys("test-admin-key", Keys.ENTER);
        visible(By.cssSelector("#nav a[href='#/events']"));
        visible(By.cssSelector("#overview .cards"));
        visible(By.cssSelector("#overview svg.chart"));
        screenshot("overview");

        // mappings: open one, try it on a sample (nothing saved)
        browser.findElement(By.cssSelector("#nav a[href='#/mappings']")).click();
        visible(By.cssSelector("a[href='#/mappings/twenty-person/chatwoot']")).click();
        visible(By.id("definition"));
        wait.until(d -> !d.findElement(By.id("definition")).getAttribute("value").isBlank());
        WebElement sample = browser.findElement(By.id("sample"));
        sample.clear();
        sample.sendKeys("{\"record\": {\"id\": \"p-1\", \"name\": {\"firstName\": \"Ana\", \"lastName\": \"Lima\"}}}");
        browser.findElement(By.id("try-mapping")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("mapping-result"), "Ana Lima"));
        screenshot("mappings");

        // the CRM refuses the lead: a permanent error, parked at once
        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(422)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"phone rejected\"}")));
        String lead = "console-" + UUID.randomUUID();
        var posted = webhooks.postSigned("/webhooks/site/lead", SITE_SECRET,
                "{\"event_id\":\"" + lead + "\",\"name\":\"Maria Souza\",\"phone\":\"+5511987654321\"}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
        String eventId = Json.read(posted.body()).path("event_id").asText();

        browser.findElement(By.cssSelector("#nav a[href='#/events']")).click();
        By row = By.cssSelector("#events-body tr[data-id='" + eventId + "']");
        visible(row);
        wait.until(d -> "FAILED".equals(d.findElement(row).getAttribute("data-status")));
        assertThat(browser.findElement(row).getText()).as("personal data masked for an admin key without the right")
                .doesNotContain("987654321");
        screenshot("events");

        browser.findElement(By.cssSelector("#nav a[href='#/dlq']")).click();
        By letter = By.cssSelector("#dlq-body tr[data-event-id='" + eventId + "']");
        assertThat(visible(letter).getText()).contains("site").contains("crm").contains("422");
        screenshot("dead-letters");

        // the CRM is fixed; the operator replays the parked event from the dead-letter page
        systems.stubFor(post("/api/leads").willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"id\":\"crm-501\"}")));
        browser.findElement(letter).findElement(By.cssSelector("button[data-action='replay']")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("flash"), "replayed"));

        browser.findElement(By.cssSelector("#nav a[href='#/events']")).click();
        wait.until(d -> {
            var rows = d.findElements(row);
            return !rows.isEmpty() && "DONE".equals(rows.get(0).getAttribute("data-status"));
        });
        browser.findElement(row).findElement(By.tagName("a")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("event-status"), "DONE"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("crm-501");
        screenshot("event-done");
    }
}
