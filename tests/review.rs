//! The translator's round trip without the screen: open a stored alignment, walk the flagged
//! groups, fix one, verify the rest, save, export, reopen and find it all as left.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use diglot::alignment::Side;
use diglot::alignment::{Alignment, Status};
use diglot::document::Lang;
use diglot::review::Review;

#[test]
fn review_save_reopen_export() {
    let dir = scratch("review-roundtrip");
    std::fs::create_dir_all(dir.join("alignments")).unwrap();
    let (al, l, r) = align_work("uprising", Lang::EN, Lang::ZH);
    let path = dir.join("alignments/uprising.en-zh.toml");
    diglot::store::save_atomic(&al, &path, Some(&l), Some(&r)).unwrap();

    let mut review = Review::new(Alignment::load(&path).unwrap()).unwrap();
    assert!(!review.is_dirty());
    review.set_threshold(0.6);
    // Walk the flagged groups: with a threshold above every confidence, all are flagged.
    let mut seen = 0;
    let mut at = review.first_flagged();
    while let Some(i) = at {
        seen += 1;
        at = review.next_flagged(i);
    }
    assert_eq!(seen, review.flagged_count());
    assert!(seen > 0);

    // Fix one: two groups that pair something belong together; then one paragraph goes
    // down again.
    let k = (0..al.groups.len() - 1)
        .find(|&k| !al.groups[k].right.is_empty() && !al.groups[k + 1].right.is_empty())
        .unwrap();
    review.merge_with_next(k).unwrap();
    review.move_last_down(k, Side::Right).unwrap();
    let fixed = review.alignment().clone();
    fixed.validate().unwrap();
    // Verify the rest, save.
    review.verify_through(review.len() - 1).unwrap();
    assert_eq!(review.verified_count(), review.len());
    assert_eq!(review.flagged_count(), 0);
    assert!(review.is_dirty());
    review.save(&path, Some(&l), Some(&r)).unwrap();
    assert!(!review.is_dirty());

    // Reopen: the same alignment, every verified mark kept, and still fresh.
    let back = Alignment::load(&path).unwrap();
    assert_eq!(&back, review.alignment());
    assert!(back.groups.iter().all(|g| g.status == Status::Verified));
    assert!(back.check_against(&l, &r).is_ok());
    let o = diglot(&dir, &["check"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));

    // The TMX of the reviewed alignment carries the marks.
    let o = diglot(&dir, &["export", "uprising", "--format", "tmx"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let xml = stdout(&o);
    assert!(xml.contains("<prop type=\"x-diglot-status\">verified</prop>"));
    assert!(!xml.contains("<prop type=\"x-diglot-status\">auto</prop>"));

    // Undo after saving makes it dirty again, and redo clean.
    review.undo().unwrap();
    assert!(review.is_dirty());
    review.redo().unwrap();
    assert!(!review.is_dirty());
}
