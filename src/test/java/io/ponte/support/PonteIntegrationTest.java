package io.ponte.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.ponte.engine.ProcessingJournal;
import java.nio.file.Path;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole Ponte on a real embedded PostgreSQL (its own fresh data directory), with WireMock standing in for the
 * business's systems. Subclasses share one context when their configuration is the same.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ponte.api-keys[0]=test-admin-key",
        "ponte.api-keys[1].name=auditor",
        "ponte.api-keys[1].key=test-auditor-key",
        "ponte.api-keys[1].rights=read,personal-data",
        "ponte.api-keys[2].name=viewer",
        "ponte.api-keys[2].key=test-viewer-key",
        "ponte.api-keys[2].rights=read",
        "ponte.systems.site.webhook-secret=" + PonteIntegrationTest.SITE_SECRET,
        "ponte.systems.operacao.webhook-secret=" + PonteIntegrationTest.OPERACAO_SECRET,
        "ponte.systems.financeiro.webhook-secret=" + PonteIntegrationTest.FINANCEIRO_SECRET,
        "camel.main.routes-include-pattern=file:routes/*.camel.yaml,classpath:test-routes/*.camel.yaml",
        "ponte.systems.crm.api-key=crm-api-key",
        "ponte.kommo.webhook-token=kommo-test-token",
        "ponte.omnichannel.webhook-secret=omni-test-secret",
        "ponte.intake.max-body-size=64KB",
        "ponte.embedded-database-fsync=false",
        "ponte.security.api-requests-per-minute=100000",
        "ponte.engine.retry.initial-delay=200ms",
        "ponte.engine.retry.max-attempts=4",
        "ponte.engine.retry.jitter=0.1",
        "ponte.engine.sweep-interval=1s",
        // the lead tests look at the CRM delivery alone; SiteLeadWelcomeFlowTest turns the welcome WhatsApp on
        "ponte.flows.site-lead.welcome-whatsapp=false",
        // scheduled sync jobs would fire at their real times in the middle of unrelated tests (the sync tests
        // switch them back on)
        "ponte.sync.jobs.crm-contracts-to-operacao.enabled=false",
        "ponte.sync.jobs.crm-appointments-to-operacao.enabled=false",
        "ponte.sync.jobs.operacao-services-to-financeiro.enabled=false",
        "ponte.sync.jobs.crm-billing-to-financeiro.enabled=false",
        "ponte.sync.jobs.cuidadores-to-crm.enabled=false",
        "ponte.sync.jobs.reconcile-calcom-bookings.enabled=false",
        "ponte.sync.jobs.reconcile-twenty-people.enabled=false",
        "ponte.engine.sweep-min-age=2s"
})
public abstract class PonteIntegrationTest {

    public static final String SITE_SECRET = "site-test-secret";
    public static final String OPERACAO_SECRET = "operacao-test-secret";
    public static final String FINANCEIRO_SECRET = "financeiro-test-secret";

    /** One WireMock for the whole test JVM: the CRM and finance systems answer here. */
    protected static final WireMockServer systems = new WireMockServer(options().dynamicPort());

    static {
        systems.start();
    }

    @DynamicPropertySource
    static void systemsAndData(DynamicPropertyRegistry registry) {
        registry.add("ponte.data-dir", () -> Path.of("target", "test-data", UUID.randomUUID().toString()).toString());
        // Quartz keeps its job stores' connection pools in a JVM-wide registry keyed by scheduler name: contexts
        // cached side by side in one test JVM, each on its own database, need names of their own
        String scheduler = "ponte-" + UUID.randomUUID();
        registry.add("spring.quartz.properties.org.quartz.scheduler.instanceName", () -> scheduler);
        registry.add("ponte.systems.crm.base-url", systems::baseUrl);
        registry.add("ponte.systems.financeiro.base-url", systems::baseUrl);
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected ProcessingJournal journal;

    protected Webhooks webhooks;

    @BeforeEach
    void resetStubs() {
        systems.resetAll();
        webhooks = new Webhooks(port);
        Awaitility.setDefaultPollInterval(java.time.Duration.ofMillis(50));
    }

    protected String eventStatus(String eventId) {
        journal.flush(5_000);
        return jdbc.queryForObject("SELECT status FROM events WHERE id = ?::uuid", String.class, eventId);
    }
}
