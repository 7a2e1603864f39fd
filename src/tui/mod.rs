//! The reader: two row-synced panes, section jumps, search, and review mode.
