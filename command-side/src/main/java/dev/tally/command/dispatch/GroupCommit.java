package dev.tally.command.dispatch;

import dev.tally.platform.web.OverloadedException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit: commands that arrive together share one database transaction, and each is acknowledged only once that
 * transaction has committed.
 * <p>
 * Each command goes to one of a few committer threads, chosen by the acting user, so one person's commands are handled
 * in arrival order by one thread and never wait for another thread's aggregate locks. A committer takes whatever has
 * queued since its last commit (one command when the system is quiet, so nothing waits to fill a batch) and handles
 * each in a unit of work nested in one root unit of work that owns the transaction: the events of the whole group are
 * appended in one batch, the consistency tables are written once, and the commit (and its fsync) is paid once.
 * <p>
 * A command refused by its handler changes nothing: before its unit of work commits, its events exist only in memory
 * ({@link CommandTransactions} keeps it from dooming the group's transaction), and its refusal is its answer. A failure
 * while the group commits (a posting to an account closed meanwhile, a conflict with another instance, the database
 * going away) rolls the whole group back, evicting every aggregate it touched from the cache; each of its commands is
 * then run again alone, so only the command at fault is refused.
 */
public class GroupCommit implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final CommandBus commandBus;
    private final TransactionManager transactions;
    private final int maxGroup;
    private final int queueLimit;
    private final Duration timeout;
    private final List<Committer> committers = new ArrayList<>();
    private final DistributionSummary groupSizes;
    private volatile boolean running;

    public GroupCommit(CommandBus commandBus, TransactionManager transactions, int threads, int maxGroup, int queueLimit,
                       Duration timeout, MeterRegistry meters) {
        this.commandBus = commandBus;
        this.transactions = transactions;
        this.maxGroup = maxGroup;
        this.queueLimit = queueLimit;
        this.timeout = timeout;
        for (int i = 0; i < threads; i++) {
            committers.add(new Committer("group-commit-" + i));
        }
        this.groupSizes = DistributionSummary.builder("tally.command.group.size")
                .description("commands committed in one transaction").publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("tally.command.group.queued", this, GroupCommit::queued)
                .description("commands waiting for their committer").register(meters);
    }

    /**
     * Handles the command in the next group of the acting user's committer and answers its result once that group
     * committed; a refusal is thrown as the handler threw it, as {@code CommandGateway.sendAndWait} would.
     */
    @SuppressWarnings("unchecked")
    public <R> R sendAndWait(String userId, CommandMessage<?> command) {
        Committer committer = committers.get(Math.floorMod(userId == null ? 0 : userId.hashCode(), committers.size()));
        Submitted submitted = new Submitted(command);
        if (!running || committer.queue.size() >= queueLimit || !committer.queue.offer(submitted)) {
            throw new OverloadedException("commands_queued", "Too many commands are waiting to be recorded; retry shortly.", Duration.ofSeconds(1));
        }
        CommandResultMessage<?> result;
        try {
            result = submitted.result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OverloadedException("command_interrupted", "The command was interrupted; retry with the same Idempotency-Key.", Duration.ofSeconds(1));
        } catch (TimeoutException e) {
            throw new OverloadedException("command_timeout",
                    "The command was not recorded in time; retry with the same Idempotency-Key to learn its outcome.", Duration.ofSeconds(1));
        } catch (ExecutionException e) {
            throw new IllegalStateException("group commit failed", e.getCause());
        }
        if (result.isExceptional()) {
            Throwable cause = result.exceptionResult();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new CommandExecutionException(cause.getMessage(), cause);
        }
        return (R) result.getPayload();
    }

    /** Commands waiting for their committer (what the queue limit counts). */
    int queued() {
        return committers.stream().mapToInt(c -> c.queue.size()).sum();
    }

    /** Runs {@code group} in one transaction and answers each command; if the group fails to commit, each runs alone. */
    private void commit(List<Submitted> group) {
        groupSizes.record(group.size());
        try {
            List<CommandResultMessage<?>> results = together(group);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).result.complete(results.get(i));
            }
        } catch (Exception e) {
            if (group.size() == 1) {
                group.get(0).result.complete(failure(e));
                return;
            }
            log.debug("A group of {} commands failed to commit ({}); each runs alone", group.size(), e.toString());
            for (Submitted one : group) {
                try {
                    one.result.complete(together(List.of(one)).get(0));
                } catch (Exception alone) {
                    one.result.complete(failure(alone));
                }
            }
        }
    }

    /** The commands' results, known only once their shared transaction committed; throws if it did not. */
    private List<CommandResultMessage<?>> together(List<Submitted> group) throws Exception {
        List<CommandResultMessage<?>> results = new ArrayList<>(group.size());
        UnitOfWork<?> root = DefaultUnitOfWork.startAndGet(GenericMessage.asMessage("group commit"));
        root.attachTransaction(transactions);
        CommandTransactions.joinGroup();
        try {
            for (Submitted submitted : group) {
                commandBus.dispatch(submitted.command, (command, result) -> results.add(result));
            }
            root.commit();
        } catch (Exception | Error e) {
            if (root.isActive() && !root.phase().isAfter(UnitOfWork.Phase.COMMIT)) {
                root.rollback(e);
            }
            throw e;
        } finally {
            CommandTransactions.leaveGroup();
        }
        if (results.size() != group.size()) {
            throw new IllegalStateException("a command of the group was not answered");
        }
        return results;
    }

    private static CommandResultMessage<?> failure(Exception e) {
        return org.axonframework.commandhandling.GenericCommandResultMessage.asCommandResultMessage(e);
    }

    @Override
    public void start() {
        running = true;
        committers.forEach(Committer::start);
    }

    /** Stops taking commands; what is queued is still committed and answered before the threads end. */
    @Override
    public void stop() {
        running = false;
        committers.forEach(Committer::interrupt);
        for (Committer committer : committers) {
            try {
                committer.join(timeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server (which stops taking requests first) and before Axon's processors. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE / 2;
    }

    private record Submitted(CommandMessage<?> command, CompletableFuture<CommandResultMessage<?>> result) {
        Submitted(CommandMessage<?> command) {
            this(command, new CompletableFuture<>());
        }
    }

    private final class Committer extends Thread {
        private final BlockingQueue<Submitted> queue = new LinkedBlockingQueue<>();

        Committer(String name) {
            super(name);
            setDaemon(true);
        }

        @Override
        public void run() {
            List<Submitted> group = new ArrayList<>(maxGroup);
            while (running || !queue.isEmpty()) {
                try {
                    Submitted first = running ? queue.take() : queue.poll();
                    if (first == null) {
                        break;
                    }
                    group.add(first);
                    queue.drainTo(group, maxGroup - 1);
                    commit(group);
                } catch (InterruptedException e) {
                    if (!running) {
                        continue; // drain what is queued, then end
                    }
                } catch (RuntimeException | Error e) {
                    log.error("Group commit failed unexpectedly; its commands were answered with the failure", e);
                    group.forEach(s -> s.result.complete(failure(e instanceof Exception ex ? ex : new IllegalStateException(e))));
                } finally {
                    group.clear();
                }
            }
        }
    }
}
