package io.ponte.schedule.sync;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ponte.sync}: the sync jobs between the business's own systems (seed 004 §5). Each job's schedule is read by
 * its YAML route in {@code routes/} ({@code sync-<id>.camel.yaml}); what it reads, maps and writes is here.
 *
 * @param lease how long a replica holds a running job before another may take it over (renewed after every page)
 * @param threads how many manually started runs may go at once (scheduled runs use Quartz's own threads)
 */
@Validated
@ConfigurationProperties("ponte.sync")
public record SyncProperties(
        @NotNull @DefaultValue("10m") Duration lease,
        @Min(1) @DefaultValue("2") int threads,
        @Valid @DefaultValue({}) Map<String, Job> jobs) {

    /**
     * One job: poll {@code source} for records changed since the job's high-water mark, map each through
     * {@code mapping:<mapping>}, and either upsert it into {@code target} with {@code PUT <target-path>/<record id>}
     * or — a reconciliation poll — hand it to Ponte as a webhook of {@code intake-source} would be.
     *
     * @param cron when it runs (Quartz cron in {@code ponte.timezone}, read by the job's route)
     * @param enabled false stops the schedule; the job can still be started by hand
     * @param reader the endpoint that reads a page (default {@code direct:systems-fetch} on {@code source-path})
     * @param intakeSource when set, mapped records enter Ponte as events of this webhook source
     * @param firstRunLookback where the very first run starts: this long ago (empty: from the beginning)
     */
    public record Job(
            String description,
            @NotBlank String cron,
            @DefaultValue("true") boolean enabled,
            @NotBlank String source,
            String sourcePath,
            String reader,
            @NotBlank String mapping,
            String target,
            String targetPath,
            String intakeSource,
            Duration firstRunLookback,
            @Min(1) @Max(1000) @DefaultValue("100") int pageSize) {

        @AssertTrue(message = "a sync job reads source-path (or a reader endpoint) and writes target and target-path "
                + "(or intake-source)")
        public boolean isComplete() {
            return (present(sourcePath) || present(reader))
                    && (present(intakeSource) || present(target) && present(targetPath));
        }

        private static boolean present(String s) {
            return s != null && !s.isBlank();
        }
    }

    public Job job(String id) {
        return jobs == null ? null : jobs.get(id);
    }
}
