import CMalloc

/// Keeps the daemon's heap small with glibc's allocator controls.
///
/// glibc gives a thread that allocates while another holds the lock an arena of its own (up to
/// eight per core), and memory freed into one arena serves only that arena; the daemon's worker
/// threads (one per mailbox, the outbox, the timers, the cooperative pool) each ended up with one.
/// After a 10,000-message backlog that left 29.9 MB of anonymous memory resident, 21.6 MB with two
/// arenas (`scripts/measure-rss`).
enum HeapFootprint {
    /// At most two arenas for what is allocated from now on. Call before the worker threads start.
    static func limitArenas() {
        _ = mallopt(M_ARENA_MAX, 2)
    }

    /// Hands the free pages of every arena back to the system (a busy stretch's peak otherwise
    /// stays resident until the next one). Cheap: the timer loop calls it once an interval.
    static func returnFreePages() {
        _ = malloc_trim(0)
    }
}
