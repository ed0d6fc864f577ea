package dev.ticketing.proof.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.common.testing.TestEngine;
import dev.ticketing.proof.cluster.Cluster;
import dev.ticketing.proof.cluster.Gateway;
import dev.ticketing.proof.cluster.ServiceProcess;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web client in a real browser, through the gateway, on the real system (every service a JVM, the
 * engine, nginx). Two people: A sells, B buys. Steps run in order and share the browsers; a screenshot of
 * each step goes to target/web-journey/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebJourneyTest {
    private static final Duration LIVE = Duration.ofSeconds(20);
    /** A balance follows the accounts service, a moment behind: on a loaded machine that moment is longer. */
    private static final Duration BALANCE = Duration.ofSeconds(60);
    /** Long enough to order, look and pay in step 2 to 4; short enough to wait out in step 5. */
    private static final String EXPIRATION_WINDOW = "40s";
    private static final Path SHOTS = Path.of("target/web-journey");
    private static final String PASSWORD = "correct horse battery";
    private static final Cluster.Layout EVERY_SERVICE = new Cluster.Layout("tickets", "orders",
            List.of("expiration", "users", "payments", "transactions", "accounts"));

    private static Cluster cluster;
    private static Gateway gateway;
    private static ServiceProcess web;
    private static Browser a;
    private static Browser b;
    private static String ticketTitle = "Concert " + UUID.randomUUID().toString().substring(0, 6);
    private static String ticketUrl;
    private static final String A_EMAIL = "a-" + UUID.randomUUID() + "@example.com";

    @BeforeAll
    static void start() throws Exception {
        assertThat(Path.of(Browser.CHROMIUM)).as("chromium (scripts/install-deps.sh installs it)").exists();
        assertThat(Path.of(Browser.CHROMEDRIVER)).as("chromium-driver (scripts/install-deps.sh installs it)").exists();
        Path root = Path.of("").toAbsolutePath().getParent();
        cluster = Cluster.start(root, EVERY_SERVICE, 1, Map.of("ORDERS_EXPIRATION_WINDOW", EXPIRATION_WINDOW));
        int webPort = TestEngine.freePort();
        Map<String, List<Integer>> routes = new LinkedHashMap<>();
        routes.put("tickets", List.of(cluster.owner().port()));
        routes.put("orders", List.of(cluster.replicas().get(0).port()));
        for (String api : List.of("users", "payments", "transactions", "accounts")) {
            routes.put(api, List.of(cluster.other(api).port()));
        }
        routes.put("web", List.of(webPort));
        gateway = Gateway.start(root, routes);
        web = new ServiceProcess("web", Cluster.jarOf(root, "web"), webPort,
                Map.of("NATS_URL", cluster.engine().natsUrl(), "API_URL", gateway.url()), cluster.logDir(), ServiceProcess.Placement.HERE);
        web.start();
        web.awaitHealthy(Duration.ofSeconds(240));
        Files.createDirectories(SHOTS);
        a = new Browser("A", gateway.url(), SHOTS);
        b = new Browser("B", gateway.url(), SHOTS);
    }

    /** Sells a ticket through the form; returns the path of its page, where the seller is then. */
    private static String sell(Browser seller, String title, String price) {
        seller.open("/tickets/new");
        seller.fill("#title", title);
        seller.fill("#price", price);
        seller.submit("#sell-form");
        seller.until("the new ticket's page", LIVE, d -> d.getCurrentUrl().matches(".*/tickets/[0-9a-f-]{36}"));
        return seller.url().substring(seller.url().indexOf("/tickets/"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {a, b, gateway}) {
            if (c != null) c.close();
        }
        if (web != null) web.stop();
        if (cluster != null) cluster.close();
    }

    @Test
    @Order(1)
    void aSignsUpAndSellsATicketWithErrorsShownNextToTheFields() {
        a.open("/");
        a.click("#signup-link");
        a.fill("#email", A_EMAIL);
        a.fill("#password", "short");
        a.submit("#auth-form");
        assertThat(a.find("#password-error").getText()).as("the API's refusal, next to the field").isNotBlank();
        a.screenshot("1a-signup-error");
        a.fill("#password", PASSWORD);
        a.submit("#auth-form");
        assertThat(a.find("#signed-in-as").getText()).startsWith("a-");

        signUp(b, "b");
        b.open("/");
        b.markDocument();

        a.open("/tickets/new");
        a.fill("#title", ticketTitle);
        a.fill("#price", "-3");
        a.submit("#sell-form");
        assertThat(a.find("#price-error").getText()).contains("price");
        a.screenshot("1b-sell-error");
        a.fill("#price", "25");
        a.submit("#sell-form");
        assertThat(a.find("#ticket-price").getText()).isEqualTo("$25.00");
        ticketUrl = a.url();
        a.screenshot("1c-sold");
    }

    @Test
    @Order(2)
    void bSeesTheTicketAppearLiveOrdersItAndSeesTheCountdown() {
        b.until("the new ticket in the list", LIVE, d -> !d.findElements(By.linkText(ticketTitle)).isEmpty());
        assertThat(b.sameDocument()).as("no reload").isTrue();
        b.screenshot("2a-ticket-appeared");
        b.click("a[href='" + ticketUrl.substring(ticketUrl.indexOf("/tickets/")) + "']");
        b.submit("#order-form");
        b.until("a countdown", LIVE, d -> d.findElement(By.id("countdown")).getText().matches("in \\d+:\\d\\d"));
        assertThat(b.find("#order-status").getText()).isEqualTo("created");
        b.screenshot("2b-order-countdown");
    }

    @Test
    @Order(3)
    void aSeesItReservedAndCannotEdit() {
        a.markDocument();
        a.until("reserved, live", LIVE, d -> d.findElement(By.id("ticket-state")).getText().equals("reserved"));
        assertThat(a.sameDocument()).as("no reload").isTrue();
        assertThat(a.find("#edit-form button").isEnabled()).as("save, in the disabled fieldset").isFalse();
        assertThat(a.find("#title").isEnabled()).isFalse();
        assertThat(a.find("#edit-disabled").getText()).contains("reserved");
        a.screenshot("3-reserved-no-edit");
    }

    @Test
    @Order(4)
    void bPaysAndTheOrderTurnsCompleteLive() {
        b.markDocument();
        b.fill("#token", "tok_chargeDeclined");
        b.click("#pay-form button[type=submit]");
        b.until("the decline, next to the card field", LIVE,
                d -> d.findElements(By.id("token-error")).stream().anyMatch(e -> !e.getText().isBlank()));
        assertThat(b.sameDocument()).as("the pay form posts in place").isTrue();
        b.screenshot("4a-declined");
        b.fill("#token", "tok_visa");
        b.click("#pay-form button[type=submit]");
        b.until("complete, live", LIVE, d -> d.findElement(By.id("order-status")).getText().equals("complete"));
        assertThat(b.sameDocument()).as("paid and completed without leaving or reloading the page").isTrue();
        b.screenshot("4b-complete");
    }

    @Test
    @Order(5)
    void anOrderLeftAloneExpiresAndTheTicketReturnsToTheListLive() {
        String second = "Play " + UUID.randomUUID().toString().substring(0, 6);
        String secondPath = sell(a, second, "12.50");
        a.open("/");
        a.markDocument();
        a.until("the second ticket for sale", LIVE, d -> !d.findElements(By.linkText(second)).isEmpty());

        b.open(secondPath);
        b.submit("#order-form");
        b.until("a countdown", LIVE, d -> d.findElement(By.id("countdown")).getText().matches("in \\d+:\\d\\d"));
        b.markDocument();
        a.until("the reserved ticket leaves the list, live", LIVE, d -> d.findElements(By.linkText(second)).isEmpty());
        a.screenshot("5a-reserved-left-the-list");

        Duration expiry = Duration.ofSeconds(90);
        b.until("cancelled on expiry, live", expiry, d -> d.findElement(By.id("order-status")).getText().equals("cancelled"));
        b.screenshot("5b-order-expired");
        a.until("the ticket back in the list, live", LIVE, d -> !d.findElements(By.linkText(second)).isEmpty());
        assertThat(a.sameDocument()).as("A's list never reloaded").isTrue();
        assertThat(b.sameDocument()).as("B's order page never reloaded").isTrue();
        a.screenshot("5c-ticket-back-for-sale");
    }

    @Test
    @Order(6)
    void accountingDepositWithdrawARefusedOverdraftAndTheBalanceLive() throws Exception {
        b.open("/");
        b.click("a[href='/account']");
        transact("deposit", "100");
        // The accounts service applies the transaction a moment after it is recorded: the page catches up live.
        b.markDocument();
        b.until("the balance of 100, live", BALANCE, d -> d.findElement(By.id("balance")).getText().equals("$100.00"));
        transact("withdrawal", "30");
        b.markDocument();
        b.until("the balance of 70, live", BALANCE, d -> d.findElement(By.id("balance")).getText().equals("$70.00"));
        assertThat(b.sameDocument()).isTrue();
        transact("withdrawal", "1000");
        assertThat(b.find("#amount-error").getText()).as("the refused overdraft, next to the amount")
                .contains("insufficient funds");
        assertThat(b.find("#history tbody tr td").getText()).as("the newest of the numbered history").isEqualTo("2");
        b.screenshot("6a-overdraft-refused");

        // A deposit made elsewhere (another device: the API with B's session) shows on the open page.
        b.markDocument();
        HttpResponse<String> deposit = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url() + "/api/transactions"))
                .header("Content-Type", "application/json").header("Cookie", "session=" + b.cookie("session"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"deposit\",\"amount\":5}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deposit.statusCode()).as(deposit.body()).isEqualTo(201);
        b.until("transaction #3 in the history, live", BALANCE, d -> d.findElement(By.cssSelector("#history tbody tr td")).getText().equals("3"));
        b.until("the balance of 75, live", BALANCE, d -> d.findElement(By.id("balance")).getText().equals("$75.00"));
        assertThat(b.find("#balance-as-of").getText()).isEqualTo("as of transaction #3");
        assertThat(b.sameDocument()).as("no reload").isTrue();
        b.screenshot("6b-balance-live");
    }

    @Test
    @Order(7)
    void aLostConcurrentEditIsExplainedAndTheFormReloadsTheCurrentVersion() throws Exception {
        String title = "Opera " + UUID.randomUUID().toString().substring(0, 6);
        String path = sell(a, title, "40");
        a.fill("#price", "41"); // A is typing here: the page does not pull the form away meanwhile

        try (Browser elsewhere = new Browser("A-elsewhere", gateway.url(), SHOTS)) {
            elsewhere.open("/signin");
            elsewhere.fill("#email", A_EMAIL);
            elsewhere.fill("#password", PASSWORD);
            elsewhere.submit("#auth-form");
            elsewhere.open(path);
            elsewhere.fill("#title", title + " (moved)");
            elsewhere.submit("#edit-form");
            assertThat(elsewhere.find("#ticket").getText()).contains("Saved.");
            elsewhere.screenshot("7a-saved-elsewhere");

            a.submit("#edit-form");
            assertThat(a.find(".errors").getText()).contains("Someone changed this ticket while you were editing it");
            assertThat(a.find("#title").getAttribute("value")).as("the current version").isEqualTo(title + " (moved)");
            assertThat(a.find("#price").getAttribute("value")).isEqualTo("40.00");
            a.screenshot("7b-lost-edit-explained");
            a.submit("#edit-form");
            assertThat(a.find("#ticket").getText()).as("saved over the version shown").contains("Saved.");

            elsewhere.submit("header form[action='/signout']");
            assertThat(elsewhere.find("#signin-link").isDisplayed()).isTrue();
            assertThat(elsewhere.driver().findElements(By.id("signed-in-as"))).as("signed out").isEmpty();
            elsewhere.open("/account");
            elsewhere.until("sent to sign in", LIVE, d -> d.getCurrentUrl().endsWith("/signin"));
            elsewhere.screenshot("7c-signed-out");
        }
    }

    @Test
    @Order(8)
    void withoutJavaScriptThePlainFormsWork() throws Exception {
        try (Browser plain = Browser.withoutJavaScript("C-no-js", gateway.url(), SHOTS)) {
            signUp(plain, "c");
            String title = "Recital " + UUID.randomUUID().toString().substring(0, 6);
            plain.open("/tickets/new");
            plain.fill("#title", title);
            plain.fill("#price", "9");
            plain.submit("#sell-form");
            assertThat(plain.find("#ticket-price").getText()).isEqualTo("$9.00");
            plain.open("/");
            assertThat(plain.find("#tickets").getText()).contains(title);
            assertThat(plain.run("return document.documentElement.dataset.streamState === undefined && !!document.querySelector('#tickets');"))
                    .as("no page script ran (live.js marks the page when it connects)").isEqualTo(true);
            plain.screenshot("8-no-javascript");
        }
    }

    @Test
    @Order(9)
    void theHomePageAsksOnlyForWhatExistsSignedOutAndIn() throws Exception {
        try (Browser d = new Browser("D", gateway.url(), SHOTS)) {
            assertHomePageAsksOnlyForWhatExists(d, "signed out");
            signUp(d, "d");
            assertHomePageAsksOnlyForWhatExists(d, "signed in");
            d.screenshot("9-home-signed-in");
        }
    }

    @Test
    @Order(10)
    void atPhoneWidthNothingOverflowsAndAt1000pxTheHeaderIsOneRow() {
        b.open("/account");
        WebElement brand = b.find("header .brand");
        WebElement signOut = b.find("header form[action='/signout'] button");
        assertThat(signOut.getLocation().getY()).as("Sign out beside the brand, not on a row of its own")
                .isLessThan(brand.getLocation().getY() + brand.getSize().getHeight());
        b.screenshot("10a-header-1000px");
        b.resize(390, 844);
        for (String path : List.of("/", ticketUrl.substring(ticketUrl.indexOf("/tickets/")), "/orders", "/account", "/tickets/new")) {
            b.open(path);
            b.find("main h1");
            assertThat(b.run("return document.documentElement.scrollWidth <= window.innerWidth;"))
                    .as("no horizontal overflow at 390px on " + path).isEqualTo(true);
        }
        b.screenshot("10b-phone-account");
        b.open("/");
        b.screenshot("10c-phone-tickets");
    }

    @Test
    @Order(11)
    void aStoppedWebTierLeavesNoConsumersBehind() throws Exception {
        try (Connection nats = Nats.connect(cluster.engine().natsUrl())) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            assertThat(ephemeralConsumers(jsm)).as("its live feed, an ordered consumer, while it runs").isNotEmpty();
            web.stop();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ephemeralConsumers(jsm)).isEmpty());
        }
    }

    /** The events stream's consumers that are not durable: the services' are all durable, the web tier's is not. */
    private static List<String> ephemeralConsumers(JetStreamManagement jsm) throws Exception {
        return jsm.getConsumers("EVENTS").stream().filter(c -> c.getConsumerConfiguration().getDurable() == null)
                .map(c -> c.getName()).toList();
    }

    /**
     * Opens the home page and waits until its live list's catch-up re-fetch (once the stream opened) and
     * every other request of the page have been answered: none may be refused, nor go to a made-up URL, and
     * the scripts warned of nothing (live.js warns of a region it cannot re-fetch).
     */
    private static void assertHomePageAsksOnlyForWhatExists(Browser who, String as) {
        int before = who.requests().size();
        who.consoleWarnings(); // those of the pages before
        who.open("/");
        List<NetworkLog.Request> asked = who.until("the home page's requests answered, " + as, LIVE, d -> {
            List<NetworkLog.Request> all = who.requests();
            List<NetworkLog.Request> page = all.subList(before, all.size()).stream()
                    .filter(r -> r.url().startsWith(gateway.url())).toList(); // not the browser's own pages
            boolean caughtUp = page.stream().anyMatch(r -> r.path().equals("/tickets/list") && r.answered());
            return caughtUp && page.stream().allMatch(r -> r.answered() || r.stream()) ? page : null;
        });
        assertThat(asked).as("the home page's requests, " + as).noneMatch(r -> r.path().equals("/undefined"))
                .noneMatch(r -> r.status() >= 400);
        assertThat(who.consoleWarnings()).as("the home page's console, " + as).isEmpty();
    }

    private static void transact(String type, String amount) {
        b.click("#type-" + type);
        b.fill("#amount", amount);
        b.submit("#transaction-form");
    }

    private static void signUp(Browser who, String prefix) {
        who.open("/signup");
        who.fill("#email", prefix + "-" + UUID.randomUUID() + "@example.com");
        who.fill("#password", PASSWORD);
        who.submit("#auth-form");
        assertThat(who.find("#signed-in-as").getText()).startsWith(prefix + "-");
    }
}
