//! The seeds and the stored alignments are built into the binary (`include_dir!`), which
//! cannot tell cargo to watch them on stable Rust: without this, editing `alignments/` or
//! `seeds/` would leave a stale copy in the binary until something else changed.

fn main() {
    println!("cargo:rerun-if-changed=seeds");
    println!("cargo:rerun-if-changed=alignments");
    println!("cargo:rerun-if-changed=build.rs");
}
