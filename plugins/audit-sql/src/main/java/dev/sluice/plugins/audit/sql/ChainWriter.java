package dev.sluice.plugins.audit.sql;

import dev.sluice.spi.audit.AuditChain;
import dev.sluice.spi.audit.AuditRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread that writes a chain: takes up to a batch of records from the {@link Intake},
 * links them after the chain's head and inserts them in one transaction.
 *
 * <p>A failed batch keeps its records and is tried again with a growing pause (50 ms doubling to
 * 5 s), on a new connection, until it succeeds: the first failure of a streak is logged, the
 * recovery too, never a secret. Before trying again the writer reads the chain's head back, so a
 * commit whose answer was lost is not written twice, and a chain that another writer extended
 * meanwhile is continued after that writer's last record.
 */
final class ChainWriter implements Runnable {
    private static final Logger LOG = Logger.getLogger(ChainWriter.class.getName());
    /** How long the writer waits for a first record before it looks at flush and close requests. */
    private static final long IDLE_WAIT_MS = 20;
    private static final long FIRST_PAUSE_MS = 50;
    private static final long LONGEST_PAUSE_MS = 5_000;

    private final Connector connector;
    private final Dialect dialect;
    private final Tables tables;
    private final String chain;
    private final RowWriter rows;
    private final Intake intake;
    private final int batchSize;
    private final Progress progress;
    private final String database;
    private final Redaction redaction;
    private volatile boolean abandoned;
    /** {@link System#nanoTime()} of the first failure of the current streak; 0 while writes succeed. */
    private volatile long failingSince;
    private volatile Thread thread;
    private volatile ChainHead lastWritten;
    private Connection connection;
    private ChainHead head;

    /**
     * @param connection an open connection, or {@code null} to connect on the first batch
     * @param head the chain's head as read from the table
     */
    ChainWriter(Database database, Connector connector, Tables tables, String chain, Intake intake, int batchSize,
            Progress progress, Connection connection, ChainHead head) {
        this.connector = connector;
        this.dialect = database.dialect();
        this.tables = tables;
        this.chain = chain;
        this.rows = new RowWriter(tables, dialect, chain);
        this.intake = intake;
        this.batchSize = batchSize;
        this.progress = progress;
        this.database = database.description();
        this.redaction = database.redaction();
        this.connection = connection;
        this.head = head;
        this.lastWritten = head;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        List<AuditRecord> batch = new ArrayList<>(batchSize);
        try {
            while (!intake.drained()) {
                intake.take(batch, batchSize, IDLE_WAIT_MS);
                if (!batch.isEmpty()) {
                    if (abandoned) {
                        progress.dropped(batch.size());
                    } else {
                        write(batch);
                    }
                    batch.clear();
                }
                if (progress.syncWanted()) {
                    sync();
                }
            }
            sync();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeConnection();
            progress.stop();
        }
    }

    /** Stops retrying: what is still queued or failing is counted as dropped. */
    void abandon() {
        abandoned = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** How long the database has been failing every attempt; zero while it answers. */
    Duration failingFor() {
        long since = failingSince;
        return since == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - since);
    }

    /** The last record committed to the chain. */
    ChainHead lastWritten() {
        return lastWritten;
    }

    private void write(List<AuditRecord> batch) {
        List<AuditRecord> records = new ArrayList<>(batch);
        List<AuditChain.Link> links = null;
        ChainHead linkedAfter = null;
        int failures = 0;
        while (true) {
            try {
                connect();
                if (head == null) {
                    ChainHead stored = ChainHead.read(connection, tables, chain);
                    if (links != null && stored.equals(ChainHead.of(links.getLast()))) {
                        // The last attempt committed; only its answer was lost.
                        head = stored;
                        done(records.size(), failures);
                        return;
                    }
                    if (linkedAfter != null && !stored.equals(linkedAfter)) {
                        LOG.warning(() -> "audit sink sql: chain '" + chain + "' in " + database
                                + " was extended by another writer; continuing after its record " + stored.seq()
                                + " (give each gateway its own chain)");
                    }
                    head = stored;
                }
                if (links == null || !head.equals(linkedAfter)) {
                    links = link(records, head);
                    linkedAfter = head;
                    if (links.isEmpty()) {
                        return;
                    }
                }
                dialect.begin(connection);
                rows.insert(connection, links);
                dialect.commit(connection);
                head = ChainHead.of(links.getLast());
                done(records.size(), failures);
                return;
            } catch (SQLException | RuntimeException e) {
                failures++;
                markFailing();
                progress.failed();
                discardConnection();
                if (failures == 1) {
                    LOG.warning("audit sink sql: cannot write to " + database + " (" + redaction.describe(e)
                            + "); the records stay queued and are tried again");
                }
                if (!pause(failures)) {
                    progress.dropped(records.size());
                    LOG.severe("audit sink sql: gave up on " + records.size() + " audit records for " + database
                            + " after " + failures + " failed attempts");
                    return;
                }
            }
        }
    }

    private void done(int count, int failures) {
        failingSince = 0;
        lastWritten = head;
        progress.wrote(count);
        if (failures > 0) {
            LOG.info("audit sink sql: writing to " + database + " again after " + failures + " failed attempts");
        }
    }

    /**
     * Links the records after {@code after}. A record that cannot be written as JSON (no sink
     * could store it) is logged, counted as dropped and taken out of {@code records}.
     */
    private List<AuditChain.Link> link(List<AuditRecord> records, ChainHead after) {
        List<AuditChain.Link> links = new ArrayList<>(records.size());
        long seq = after.seq();
        String prev = after.hash();
        for (Iterator<AuditRecord> it = records.iterator(); it.hasNext(); ) {
            AuditRecord record = it.next();
            AuditChain.Link link;
            try {
                link = AuditChain.link(record, seq + 1, prev);
            } catch (RuntimeException e) {
                it.remove();
                progress.dropped(1);
                LOG.log(Level.SEVERE, "audit sink sql: audit record " + record.requestId()
                        + " cannot be written as JSON and is dropped: " + redaction.describe(e));
                continue;
            }
            links.add(link);
            seq++;
            prev = link.hash();
        }
        return links;
    }

    private void sync() {
        int failures = 0;
        while (!abandoned) {
            try {
                connect();
                dialect.sync(connection);
                failingSince = 0;
                progress.synced();
                return;
            } catch (SQLException | RuntimeException e) {
                failures++;
                markFailing();
                progress.failed();
                discardConnection();
                if (failures == 1) {
                    LOG.warning("audit sink sql: cannot sync " + database + " (" + redaction.describe(e)
                            + "); trying again");
                }
                if (!pause(failures)) {
                    return;
                }
            }
        }
    }

    private void markFailing() {
        if (failingSince == 0) {
            failingSince = System.nanoTime() | 1;
        }
    }

    private void connect() throws SQLException {
        if (connection == null) {
            connection = connector.connect();
        }
    }

    /** Drops a connection that failed; the next attempt opens a new one and reads the head again. */
    private void discardConnection() {
        head = null;
        if (connection != null) {
            try {
                dialect.rollback(connection);
            } catch (SQLException | RuntimeException e) {
                // The connection is broken; closing it is all that is left.
            }
            closeConnection();
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.fine(() -> "audit sink sql: closing the connection failed: " + redaction.describe(e));
            }
            connection = null;
        }
    }

    /** Waits before the next attempt; false when the writer was told to give up. */
    private boolean pause(int failures) {
        long millis = Math.min(LONGEST_PAUSE_MS, FIRST_PAUSE_MS << Math.min(failures - 1, 16));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while (!abandoned && (left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, left);
        }
        return !abandoned;
    }
}
