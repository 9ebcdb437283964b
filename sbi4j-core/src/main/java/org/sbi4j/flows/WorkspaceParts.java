package org.sbi4j.flows;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The workspaces of the parts of a {@link org.sbi4j.tensor.Ops#kernels()} split: part 0 uses
 * the caller's own workspace, parts 1 … count − 1 their own, created on the calling thread
 * before the split (never inside it) and kept for the next call.
 *
 * @param <W> the workspace type
 */
final class WorkspaceParts<W> {

    private final List<W> parts = new ArrayList<>();
    private final Supplier<W> create;

    /** Parts created by {@code create} (a workspace of at most the part size). */
    WorkspaceParts(Supplier<W> create) {
        this.create = create;
    }

    /** The workspace of part p: {@code own} for part 0. */
    W part(W own, int p) {
        return p == 0 ? own : parts.get(p - 1);
    }

    /** Makes sure parts 1 … count − 1 have a workspace, creating the missing ones. */
    void ensure(int count) {
        while (parts.size() < count - 1) {
            parts.add(create.get());
        }
    }
}
