package org.sbi4j.posterior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sbi4j.flows.ConditionalDensityEstimator.Workspace;

/** The bounded workspace pool, single-threaded: reentrant leases, reuse, a failing factory. */
class WorkspacePoolTest {

    private static Workspace ws(int rows) {
        return () -> rows;
    }

    @Test
    void aNestedLeaseOnTheSameThreadIsTheSameAndReleasedByTheOuterClose() {
        AtomicInteger made = new AtomicInteger();
        WorkspacePool pool = new WorkspacePool(1, () -> ws(made.incrementAndGet()));
        assertThat(pool.capacity()).isEqualTo(1);
        assertThat(pool.created()).isZero();
        WorkspacePool.Lease outer = pool.lease();
        WorkspacePool.Lease inner = pool.lease(); // capacity 1: would block if it were not reentrant
        assertThat(inner).isSameAs(outer);
        assertThat(inner.workspace().maxRows()).isEqualTo(1);
        inner.close();
        // still held by the outer lease: a new lease on this thread is the same one again
        WorkspacePool.Lease again = pool.lease();
        assertThat(again).isSameAs(outer);
        again.close();
        outer.close();
        assertThat(pool.created()).isEqualTo(1);
        // released: the next lease is a new lease object on the same (idle) workspace
        try (WorkspacePool.Lease next = pool.lease()) {
            assertThat(next).isNotSameAs(outer);
            assertThat(next.workspace()).isSameAs(outer.workspace());
        }
        assertThat(pool.created()).isEqualTo(1);
    }

    @Test
    void aFailingFactoryGivesItsPermitBack() {
        AtomicInteger calls = new AtomicInteger();
        WorkspacePool pool = new WorkspacePool(1, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("out of memory, say");
            }
            return ws(7);
        });
        assertThatThrownBy(pool::lease).isInstanceOf(IllegalStateException.class)
                .hasMessage("out of memory, say");
        assertThat(pool.created()).isZero();
        // the only permit came back, so this does not block
        try (WorkspacePool.Lease l = pool.lease()) {
            assertThat(l.workspace().maxRows()).isEqualTo(7);
        }
        assertThat(pool.created()).isEqualTo(1);
    }

    @Test
    void twoThreadsGetTwoWorkspacesAndThePoolNeverExceedsItsCapacity() throws Exception {
        AtomicInteger made = new AtomicInteger();
        WorkspacePool pool = new WorkspacePool(2, () -> ws(made.incrementAndGet()));
        try (WorkspacePool.Lease mine = pool.lease()) {
            Workspace[] other = new Workspace[1];
            Thread t = new Thread(() -> {
                try (WorkspacePool.Lease l = pool.lease()) {
                    other[0] = l.workspace();
                }
            });
            t.start();
            t.join();
            assertThat(other[0]).isNotSameAs(mine.workspace());
        }
        assertThat(pool.created()).isEqualTo(2);
    }

    @Test
    void aSecondThreadWaitsWhileTheOnlyWorkspaceIsLeased() throws Exception {
        WorkspacePool pool = new WorkspacePool(1, () -> ws(1));
        Workspace[] got = new Workspace[1];
        Thread t;
        try (WorkspacePool.Lease mine = pool.lease()) {
            t = new Thread(() -> {
                try (WorkspacePool.Lease l = pool.lease()) {
                    got[0] = l.workspace();
                }
            });
            t.start();
            // the other thread must park on the pool's permit, not get a second workspace
            long until = System.nanoTime() + 10_000_000_000L;
            while (t.getState() != Thread.State.WAITING && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(t.getState()).isEqualTo(Thread.State.WAITING);
            assertThat(got[0]).isNull();
            assertThat(pool.created()).isEqualTo(1);
        }
        t.join(10_000);
        assertThat(got[0]).isNotNull();
        assertThat(pool.created()).isEqualTo(1); // it got the one released
    }

    @Test
    void capacityMustBePositive() {
        assertThatThrownBy(() -> new WorkspacePool(0, () -> ws(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workspace pool size must be at least 1, got 0");
        assertThat(new WorkspacePool(1, () -> ws(1)).capacity()).isEqualTo(1);
    }
}
