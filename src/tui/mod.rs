//! The reader: two row-synced panes, section jumps, search, and review mode.
//!
//! Modelled on the ratatui templates: [`app`] holds the state and its pure `update`,
//! [`keys`] turns terminal events into actions (one table, which also feeds the help overlay),
//! [`layout`] wraps each aligned group into a band of rows (pure, cached per width), and
//! [`view`] draws the visible part of it. [`run`] is the loop that ties them to a terminal.

pub mod wrap;
pub mod layout;
pub mod search;
pub mod toc;
pub mod app;
pub mod library;
pub mod memory;
