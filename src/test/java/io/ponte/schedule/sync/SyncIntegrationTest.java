package io.ponte.schedule.sync;

import io.ponte.support.PonteIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * One Ponte for the sync and reconciliation tests: the shared test configuration plus small pages, so that a few
 * WireMock records make several pages. The CRM and finance systems answer on the shared WireMock.
 */
@TestPropertySource(properties = {
        "ponte.sync.jobs.crm-billing-to-financeiro.page-size=2",
        "ponte.sync.jobs.crm-contracts-to-operacao.enabled=true",
        "ponte.sync.jobs.crm-appointments-to-operacao.enabled=true",
        "ponte.sync.jobs.operacao-services-to-financeiro.enabled=true",
        "ponte.sync.jobs.crm-billing-to-financeiro.enabled=true",
        "ponte.sync.jobs.cuidadores-to-crm.enabled=true",
        "ponte.sync.jobs.reconcile-calcom-bookings.enabled=true",
        "ponte.sync.jobs.reconcile-twenty-people.enabled=true",
        "ponte.calcom.api-key=cal_test_key",
        "ponte.calcom.webhook-secret=" + SyncIntegrationTest.CALCOM_SECRET,
        "ponte.twenty.api-key=twenty-test-key",
        "ponte.twenty.webhook-secret=" + SyncIntegrationTest.TWENTY_SECRET
})
abstract class SyncIntegrationTest extends PonteIntegrationTest {

    static final String JOB = "crm-billing-to-financeiro";
    static final String CALCOM_SECRET = "calcom-sync-secret";
    static final String TWENTY_SECRET = "twenty-sync-secret";

    @DynamicPropertySource
    static void vendors(DynamicPropertyRegistry registry) {
        registry.add("ponte.calcom.base-url", systems::baseUrl);
        registry.add("ponte.twenty.base-url", systems::baseUrl);
    }

    @Autowired
    SyncRunner runner;

    @BeforeEach
    void freshJob() {
        // a run another test started must not read this test's stubs
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM sync_jobs WHERE lease_until > now()", Integer.class) == 0);
        jdbc.update("UPDATE sync_jobs SET high_water_mark = NULL, resume_cursor = NULL, lease_owner = NULL, "
                + "lease_until = NULL");
    }
}
