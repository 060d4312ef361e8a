package im.tlim.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.lang.System.Logger.Level;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Migrates the schema when the application starts, before it serves anything. The migrations live
 * in the {@code db} module ({@code db/migration/V*.sql}) and run on PostgreSQL and on the embedded
 * H2 alike.
 */
@Singleton
@Startup
public class SchemaMigration {

  private static final System.Logger LOG = System.getLogger(SchemaMigration.class.getName());

  @Resource(lookup = "java:jboss/datasources/TlimDS")
  private DataSource dataSource;

  // Flyway commits each migration itself, so it must not run inside a JTA transaction
  @PostConstruct
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  void migrate() {
    MigrateResult result =
        Flyway.configure(SchemaMigration.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .table("tlim_schema_history")
            .load()
            .migrate();
    LOG.log(
        Level.INFO,
        "database schema at version {0} ({1} migrations applied now)",
        result.targetSchemaVersion == null
            ? result.initialSchemaVersion
            : result.targetSchemaVersion,
        result.migrationsExecuted);
  }
}
