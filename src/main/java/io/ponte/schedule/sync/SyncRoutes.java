package io.ponte.schedule.sync;

import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:sync-run}: what a sync job's scheduled route ({@code routes/sync-<job>.camel.yaml}) calls, with the
 * job's id in the header {@code PonteSyncJob}. The run itself goes to the batch-sync lane; a job still running (here
 * or on another replica) is left alone.
 */
public class SyncRoutes extends RouteBuilder {

    public static final String RUN = "direct:sync-run";
    public static final String JOB_HEADER = "PonteSyncJob";

    private final SyncRunner runner;

    public SyncRoutes(SyncRunner runner) {
        this.runner = runner;
    }

    @Override
    public void configure() {
        from(RUN).routeId("sync-run")
                .description("Starts a sync job's scheduled run in the batch-sync lane (header PonteSyncJob)")
                .process(e -> {
                    String job = e.getIn().getHeader(JOB_HEADER, String.class);
                    if (runner.start(job, "schedule") == SyncRunner.Start.UNKNOWN) {
                        throw new IllegalArgumentException("no sync job '" + job + "' (ponte.sync.jobs." + job + ")");
                    }
                }).id("sync-run-start");
    }
}
