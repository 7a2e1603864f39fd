//! How the process asks glibc's malloc to behave, called once at start, before any thread.
//!
//! glibc gives each thread that allocates its own arena and returns an arena's freed memory to
//! the system only from its top. An alignment of a book allocates millions of small
//! per-sentence lists on the rayon threads between large search tables, so the freed tables
//! stayed resident: a 30,000-sentence book peaked at 190–225 MB for a live heap of about
//! 100 MB. One arena keeps it at about 150 MB, for some 5 % more time on a book (the threads
//! now share one lock: MAC-Dev ×21 2.98 → 3.02–3.17 s in `cargo bench --bench align`) and 13 %
//! on the generated pair, which allocates more. Two arenas (150 → 170 MB) or a fixed mmap
//! threshold for the big tables (190 MB) cost as much time and keep more memory.

/// Limits glibc's malloc to one arena (no effect with other C libraries).
pub fn one_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tuning parameter; it is called before any other thread
    // exists, as glibc asks of M_ARENA_MAX.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}
