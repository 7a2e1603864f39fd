//! Review mode through `App::update`, without a terminal: every key, refusals, undo and redo,
//! flagged navigation, saving and reopening, asking before unsaved edits are lost, stale files.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::Path;

use common::*;
use diglot::alignment::{Alignment, Group, Status};
use diglot::tui::app::{Action, App, CONFIRM_PROMPT, Context, Overlay, Reader, Request, SaveTarget, Source};
use diglot::tui::{layout::Side, open};
use diglot::works::Library;
use diglot::{Document, Kind, Lang, Paragraph};

fn para(t: &str, lang: Lang) -> Paragraph {
    Paragraph { text: t.into(), lang, kind: Kind::Body, lines: (1, 1) }
}

/// Eight left and eight right paragraphs in seven groups of fixed shapes and confidences:
/// 1-1 .9, 2-1 .8 (flagged), 1-1 .3 (flagged), 1-1 .9, 0-1 .7 (flagged), 1-2 .6 (flagged),
/// 1-1 .95, 1-0 .9 (flagged).
fn fixed(save_to: &Path) -> Reader {
    let l = (0..8).map(|i| para(&format!("Left paragraph {i}."), Lang::EN)).collect();
    let r = (0..8).map(|i| para(&format!("右边第{i}段。"), Lang::ZH)).collect();
    let left = Document { name: "l.en.txt".into(), lang: Lang::EN, paragraphs: l };
    let right = Document { name: "r.zh.txt".into(), lang: Lang::ZH, paragraphs: r };
    let groups = vec![
        Group::new(vec![0], vec![0], 0.9),
        Group::new(vec![1, 2], vec![1], 0.8),
        Group::new(vec![3], vec![2], 0.3),
        Group::new(vec![4], vec![3], 0.9),
        Group::new(vec![], vec![4], 0.7),
        Group::new(vec![5], vec![5, 6], 0.6),
        Group::new(vec![6], vec![7], 0.95),
        Group::new(vec![7], vec![], 0.9),
    ];
    let src =
        Source::Work { id: "fixed".into(), title: "Fixed".into(), langs: vec![Lang::EN, Lang::ZH, Lang::KO] };
    let mut reader = Reader::new(src, left, Some(right), groups, "test");
    reader.save_target = SaveTarget { path: save_to.to_path_buf(), left: Lang::EN, ..SaveTarget::default() };
    reader
}

fn app_on(reader: Reader) -> App {
    let mut app = App::with_reader(reader);
    app.update(Action::Resize(120, 40));
    app
}

fn reader(app: &App) -> &Reader {
    app.reader.as_ref().unwrap()
}

fn cursor(app: &App) -> usize {
    reader(app).cursor()
}

fn shapes(app: &App) -> Vec<(usize, usize)> {
    reader(app).groups().iter().map(Group::shape).collect()
}

fn msg(app: &App) -> String {
    app.message.clone().unwrap_or_default()
}

/// The reader's groups and the review model's never drift apart.
fn in_step(app: &App) {
    let r = reader(app);
    let rm = r.review().unwrap();
    assert_eq!(r.groups(), rm.review.groups());
    rm.review.alignment().validate().unwrap();
    assert!(r.cursor() < r.groups().len());
}

#[test]
fn r_toggles_review_mode_only_with_two_panes() {
    let dir = scratch("rm-toggle");
    let mut a = app_on(fixed(&dir.join("a.toml")));
    assert_eq!(a.context(), Context::Reader);
    a.update(Action::Review);
    assert_eq!(a.context(), Context::Review);
    let m = msg(&a);
    assert!(m.contains("5 flagged") && m.contains("0 of 8 verified"), "{m}");
    assert!(m.contains(&dir.join("a.toml").display().to_string()), "{m}");
    // The gutter takes columns: the text starts further right.
    assert_eq!(reader(&a).layout().geometry().left_x, 2 + diglot::tui::app::GUTTER);
    a.update(Action::Review);
    assert_eq!(a.context(), Context::Reader);
    assert_eq!(reader(&a).layout().geometry().left_x, 2);
    assert_eq!(msg(&a), "review mode off");

    let doc = Document { name: "one".into(), lang: Lang::EN, paragraphs: vec![para("Alone.", Lang::EN)] };
    let mut one =
        app_on(Reader::single(Source::Files { left: "one".into(), right: None, langs: vec![] }, doc));
    one.update(Action::Review);
    assert_eq!(one.context(), Context::Reader);
    assert!(msg(&one).contains("needs two panes"), "{}", msg(&one));
}

#[test]
fn flagged_and_unverified_navigation_wraps() {
    let dir = scratch("rm-nav");
    let mut a = app_on(fixed(&dir.join("a.toml")));
    a.update(Action::Review);
    let mut seen = Vec::new();
    for _ in 0..5 {
        a.update(Action::NextFlagged);
        seen.push(cursor(&a));
    }
    assert_eq!(seen, [1, 2, 4, 5, 7]);
    assert_eq!(msg(&a), "flagged 5 of 5: group 8");
    a.update(Action::NextFlagged);
    assert_eq!(cursor(&a), 1);
    assert!(msg(&a).contains("wrapped to the top"), "{}", msg(&a));
    a.update(Action::PrevFlagged);
    assert_eq!(cursor(&a), 7);
    assert!(msg(&a).contains("wrapped to the end"), "{}", msg(&a));
    a.update(Action::PrevFlagged);
    assert_eq!(cursor(&a), 5);
    // j and k move the cursor one group.
    a.update(Action::Up);
    assert_eq!(cursor(&a), 4);
    a.update(Action::Down);
    a.update(Action::Down);
    assert_eq!(cursor(&a), 6);
    a.update(Action::NextUnverified);
    assert_eq!(cursor(&a), 7);
    assert_eq!(msg(&a), "unverified: group 8 (8 left)");
    // Paging takes the cursor along: it goes to the group on top.
    a.update(Action::Top);
    assert_eq!(cursor(&a), 0);
    a.update(Action::Bottom);
    assert_eq!(cursor(&a), 7);
}

#[test]
fn every_edit_key_and_its_refusals() {
    let dir = scratch("rm-edits");
    let mut a = app_on(fixed(&dir.join("a.toml")));
    a.update(Action::Review);
    let start = shapes(&a);

    // m: merge group 1 with group 2.
    a.update(Action::Merge);
    assert_eq!(shapes(&a)[0], (3, 2));
    assert_eq!(reader(&a).groups()[0].status, Status::Verified);
    assert_eq!(msg(&a), "merge groups 1 and 2");
    in_step(&a);
    // x: split the first paragraph of each side off again.
    a.update(Action::Split);
    assert_eq!(&shapes(&a)[..2], &[(1, 1), (2, 1)]);
    in_step(&a);
    // K on the first group: nothing above.
    a.update(Action::MoveUp);
    assert!(msg(&a).contains("it is the first group"), "{}", msg(&a));
    // J: the last left paragraph of group 1 goes down into group 2.
    a.update(Action::MoveDown);
    assert_eq!(&shapes(&a)[..2], &[(0, 1), (3, 1)]);
    assert_eq!(cursor(&a), 0);
    in_step(&a);
    a.update(Action::Undo);
    assert_eq!(&shapes(&a)[..2], &[(1, 1), (2, 1)]);
    assert!(msg(&a).starts_with("undone: move the last left paragraph"), "{}", msg(&a));
    // K on group 2 with the right pane focused: its only right paragraph goes up.
    a.update(Action::Down);
    a.update(Action::Focus);
    a.update(Action::MoveUp);
    assert_eq!(&shapes(&a)[..2], &[(1, 2), (2, 0)]);
    assert_eq!(cursor(&a), 1);
    in_step(&a);
    // d: the focused (right) side has no paragraph here.
    a.update(Action::Detach);
    assert!(msg(&a).contains("no right paragraph"), "{}", msg(&a));
    a.update(Action::Focus);
    // D: the last left paragraph of the 2-0 group gets a group of its own.
    a.update(Action::DetachLast);
    assert!(msg(&a).starts_with("detach left paragraph 2"), "{}", msg(&a));
    assert_eq!(&shapes(&a)[..3], &[(1, 2), (1, 0), (1, 0)]);
    in_step(&a);
    // Undo all of it, then redo once.
    while reader(&a).review().unwrap().review.can_undo() {
        a.update(Action::Undo);
    }
    assert_eq!(shapes(&a), start);
    assert!(!a.is_dirty());
    a.update(Action::Undo);
    assert_eq!(msg(&a), "nothing to undo");
    a.update(Action::Redo);
    assert_eq!(shapes(&a)[0], (3, 2));
    assert!(a.is_dirty());
    in_step(&a);
}

#[test]
fn verify_keys_walk_the_unverified() {
    let dir = scratch("rm-verify");
    let mut a = app_on(fixed(&dir.join("a.toml")));
    a.update(Action::Review);
    a.update(Action::Down);
    a.update(Action::Down);
    // c (or Enter): verified, and on to the next unverified one.
    a.update(Action::Verify);
    assert_eq!(reader(&a).groups()[2].status, Status::Verified);
    assert_eq!(cursor(&a), 3);
    a.update(Action::Up);
    a.update(Action::Verify);
    assert_eq!(cursor(&a), 3);
    assert!(msg(&a).contains("was verified already"), "{}", msg(&a));
    // A: everything up to here.
    a.update(Action::Down);
    a.update(Action::VerifyThrough);
    let st: Vec<_> = reader(&a).groups().iter().map(|g| g.status).collect();
    assert!(st[..5].iter().all(|s| *s == Status::Verified) && st[5..].iter().all(|s| *s == Status::Auto));
    // U: take one back; then U again is refused.
    a.update(Action::Unverify);
    assert_eq!(reader(&a).groups()[4].status, Status::Auto);
    a.update(Action::Unverify);
    assert_eq!(msg(&a), "group 5 is not verified");
    assert_eq!(reader(&a).review().unwrap().review.flagged_count(), 3);
    in_step(&a);
}

#[test]
fn unsaved_edits_are_never_lost_without_asking() {
    let dir = scratch("rm-quit");
    let mut a = app_on(fixed(&dir.join("a.toml")));
    a.update(Action::Review);
    // Nothing to lose: q quits.
    assert_eq!(a.update(Action::Quit), Some(Request::Quit));
    a.update(Action::Merge);
    assert!(a.is_dirty());
    // q asks; Esc stays.
    assert_eq!(a.update(Action::Quit), None);
    assert_eq!(a.context(), Context::Confirm);
    assert!(matches!(a.overlay, Overlay::Confirm { then: Request::Quit }));
    assert!(CONFIRM_PROMPT.contains("w save and quit"));
    assert_eq!(a.update(Action::Down), None, "other keys leave the question up");
    assert_eq!(a.context(), Context::Confirm);
    assert_eq!(a.update(Action::Cancel), None);
    assert_eq!(a.context(), Context::Review);
    // q then q: quit without saving.
    a.update(Action::Quit);
    assert_eq!(a.update(Action::Quit), Some(Request::Quit));
    // Esc then w: save, then quit.
    let mut a = app_on(fixed(&dir.join("a.toml")));
    a.update(Action::Review);
    a.update(Action::Merge);
    a.update(Action::Cancel);
    assert_eq!(a.update(Action::Save), Some(Request::Save { then: Some(Box::new(Request::Quit)) }));
    // Ctrl-C asks too; a second Ctrl-C quits.
    a.update(Action::ForceQuit);
    assert_eq!(a.context(), Context::Confirm);
    assert_eq!(a.update(Action::ForceQuit), Some(Request::Quit));
    // Opened from the library, the question leads back there.
    let mut a = app_on(fixed(&dir.join("a.toml")));
    a.from_library = true;
    a.update(Action::Review);
    a.update(Action::Verify);
    a.update(Action::Quit);
    assert_eq!(a.update(Action::Quit), Some(Request::CloseReader));
    // What would replace the groups waits for a save.
    let mut a = app_on(fixed(&dir.join("a.toml")));
    a.update(Action::Review);
    a.update(Action::Verify);
    assert_eq!(a.update(Action::CycleRight), None);
    assert!(msg(&a).contains("unsaved edits"), "{}", msg(&a));
    a.update(Action::Swap);
    assert_eq!(reader(&a).langs(), (Lang::EN, Some(Lang::ZH)));
    assert!(msg(&a).contains("unsaved edits"), "{}", msg(&a));
    a.update(Action::Review);
    assert_eq!(a.context(), Context::Review);
    assert!(msg(&a).contains("unsaved edits"), "{}", msg(&a));
    // Undone back to the opened state: nothing to lose.
    a.update(Action::Undo);
    assert!(!a.is_dirty());
    assert_eq!(
        a.update(Action::CycleRight),
        Some(Request::ChangeLangs { left: Lang::EN, right: Lang::KO, third: None, keep: Side::Left })
    );
}

#[test]
fn swap_in_review_mode_keeps_reviewing_the_other_way_round() {
    let dir = scratch("rm-swap");
    let mut a = app_on(fixed(&dir.join("a.toml")));
    a.update(Action::Review);
    a.update(Action::Down);
    a.update(Action::Swap);
    assert_eq!(a.context(), Context::Review);
    assert_eq!(reader(&a).langs(), (Lang::ZH, Some(Lang::EN)));
    assert_eq!(shapes(&a)[1], (1, 2));
    assert_eq!(cursor(&a), 1);
    in_step(&a);
    // Saved from the swapped view, the file keeps the orientation it was asked for (en-zh).
    a.update(Action::Verify);
    diglot::tui::app::save_review(a.reader.as_mut().unwrap()).unwrap();
    let back = Alignment::load(&dir.join("a.toml")).unwrap();
    assert_eq!(back.left.lang, Lang::EN);
    assert_eq!(back.groups[1].shape(), (2, 1));
    assert_eq!(back.groups[1].status, Status::Verified);
}

/// A library whose user directory is `dir` (its `alignments/` is where saves go).
fn user_library(dir: &Path) -> Library {
    Library::load_from(Some(dir)).unwrap()
}

#[test]
fn save_then_reopen_shows_the_same_groups_and_marks() {
    let dir = scratch("rm-save");
    // A user's fresh, unreviewed alignment (the built-in one is reviewed through).
    std::fs::create_dir_all(dir.join("alignments")).unwrap();
    let (al, l, r) = align_work("uprising", Lang::EN, Lang::ZH);
    diglot::store::save_atomic(&al, &dir.join("alignments/uprising.en-zh.toml"), Some(&l), Some(&r)).unwrap();
    let lib = user_library(&dir);
    let r = open::open_work(&lib, "uprising", None, None).unwrap();
    assert_eq!(r.save_target.path, dir.join("alignments/uprising.en-zh.toml"));
    let mut a = app_on(r);
    a.update(Action::Review);
    a.update(Action::Merge);
    a.update(Action::Down);
    a.update(Action::Down);
    a.update(Action::Verify);
    assert_eq!(a.update(Action::Save), Some(Request::Save { then: None }));
    let m = diglot::tui::app::save_review(a.reader.as_mut().unwrap()).unwrap();
    assert!(m.contains("uprising.en-zh.toml") && m.contains("2 of"), "{m}");
    assert!(!a.is_dirty());
    let saved = reader(&a).groups().to_vec();
    let file = dir.join("alignments/uprising.en-zh.toml");
    let back = Alignment::load(&file).unwrap();
    assert_eq!(back.groups, saved);
    assert_eq!(back.verified_count(), 2);
    assert_eq!(back.work.as_deref(), Some("uprising"));
    // `diglot check` finds it sound and fresh.
    let o = diglot(&dir, &["check"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("uprising.en-zh.toml"), "{}", stdout(&o));
    // No temporary file is left beside it.
    let names: Vec<_> =
        std::fs::read_dir(dir.join("alignments")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "{names:?}");

    // Reopened: the user's file is used, as it was saved.
    let r = open::open_work(&lib, "uprising", None, None).unwrap();
    assert!(r.alignment_origin.starts_with("stored"), "{}", r.alignment_origin);
    assert_eq!(r.groups(), &saved[..]);
    assert_eq!(r.stale, None);
    // Reopened the other way round: the same file, flipped; saving keeps it en-zh.
    let r = open::open_work(&lib, "uprising", Some(Lang::ZH), Some(Lang::EN)).unwrap();
    assert_eq!((&r.save_target.path, r.save_target.left), (&file, Lang::EN));
    assert!(r.save_target.seen.is_some(), "the file read is remembered");
    assert_eq!(r.groups()[0].left, saved[0].right);
    let mut a = app_on(r);
    a.update(Action::Review);
    a.update(Action::Bottom);
    a.update(Action::Verify);
    diglot::tui::app::save_review(a.reader.as_mut().unwrap()).unwrap();
    let back = Alignment::load(&file).unwrap();
    assert_eq!(back.left.lang, Lang::EN);
    assert_eq!(back.verified_count(), 3);
    assert_eq!(back.groups[..2], saved[..2]);
    assert!(!dir.join("alignments/uprising.zh-en.toml").exists());
}

#[test]
fn a_stale_file_is_said_and_kept_when_saving() {
    let dir = scratch("rm-stale");
    std::fs::create_dir_all(dir.join("alignments")).unwrap();
    let (mut al, l, r) = align_work("uprising", Lang::EN, Lang::ZH);
    al.groups[0].status = Status::Verified;
    // Made from a text that has changed since.
    al.left.hash = "fnv1a64:0000000000000000".into();
    let file = dir.join("alignments/uprising.en-zh.toml");
    diglot::store::save_atomic(&al, &file, Some(&l), Some(&r)).unwrap();
    let old = std::fs::read_to_string(&file).unwrap();

    let lib = user_library(&dir);
    let reader = open::open_work(&lib, "uprising", None, None).unwrap();
    assert!(reader.alignment_origin.contains("stale"), "{}", reader.alignment_origin);
    // Re-aligned keeping the verified group, found again by its excerpts.
    assert!(
        reader.alignment_origin.contains("1 of its 1 verified groups kept"),
        "{}",
        reader.alignment_origin
    );
    assert_eq!(reader.groups()[0], al.groups[0]);
    let stale = reader.stale.clone().unwrap();
    assert!(stale.contains("is stale") && stale.contains(".stale"), "{stale}");
    let mut a = app_on(reader);
    assert!(msg(&a).contains("stale"), "{}", msg(&a));
    a.update(Action::Review);
    assert!(msg(&a).contains("is stale"), "{}", msg(&a));
    a.update(Action::Verify);
    let m = diglot::tui::app::save_review(a.reader.as_mut().unwrap()).unwrap();
    assert!(m.contains("the stale one is kept beside it as uprising.en-zh.toml.stale"), "{m}");
    // The old file, verified marks and all, is kept beside the new one.
    let kept = dir.join("alignments/uprising.en-zh.toml.stale");
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), old);
    let back = Alignment::load(&file).unwrap();
    assert!(back.check_against(&l, &r).is_ok());
    assert_eq!(back.groups[0].status, Status::Verified);
    // A second save does not copy again: the file is no longer stale.
    a.update(Action::Verify);
    diglot::tui::app::save_review(a.reader.as_mut().unwrap()).unwrap();
    assert!(!dir.join("alignments/uprising.en-zh.toml.stale.2").exists());
}

#[test]
fn two_files_save_in_the_data_directory_and_reopen() {
    let dir = scratch("rm-files");
    let (en, zh) = write_texts(&dir);
    let data = dir.join("data/alignments");
    let lib = Library::load_from(None).unwrap().with_data(Some(data.clone()));
    let mut r = open::open_files(&lib, &en, Some(&zh), &Default::default()).unwrap();
    assert!(r.pending().is_some(), "no cache: aligned in the background");
    r.align_now();
    // In the user's alignments directory, wherever the reader runs.
    assert_eq!(r.save_target.path, data.join("en.en-zh.toml"));
    let mut a = app_on(r);
    a.update(Action::Review);
    a.update(Action::Verify);
    let m = diglot::tui::app::save_review(a.reader.as_mut().unwrap()).unwrap();
    assert!(m.contains("en.en-zh.toml"), "{m}");
    let back = Alignment::load(&data.join("en.en-zh.toml")).unwrap();
    assert_eq!(back.work, None);
    assert_eq!(back.verified_count(), 1);
    let again = open::open_files(&lib, &en, Some(&zh), &Default::default()).unwrap();
    assert!(again.alignment_origin.starts_with("stored: "), "{}", again.alignment_origin);
    assert_eq!(
        diglot::tui::app::files_save_path(Path::new("d"), "x/rcit.en.txt", Lang::EN, Lang::KO),
        Path::new("d/rcit.en-ko.toml")
    );
}

/// Two pairs of files with the same names in two directories (`a/en.txt`, `b/en.txt`) were
/// saved to the same file in the data directory: reviewing the second pair found the first
/// one's review "stale", and saving it replaced the first. Each pair now keeps its own file,
/// found again by the paths it records (or by its texts' content, when they moved).
#[test]
fn two_pairs_with_the_same_names_keep_their_own_reviews() {
    let dir = scratch("rm-same-stem");
    let data = dir.join("data/alignments");
    let lib = Library::load_from(None).unwrap().with_data(Some(data.clone()));
    let (a, b) = (dir.join("a"), dir.join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let (a_en, a_zh) = write_texts(&a);
    let (b_en, b_zh) = (b.join("en.txt"), b.join("zh.txt"));
    std::fs::write(&b_en, EN.replace("oil town", "mining town")).unwrap();
    std::fs::write(&b_zh, ZH.replace("石油小镇", "矿业小镇")).unwrap();
    let review = |en: &Path, zh: &Path, merge: bool| -> (std::path::PathBuf, usize) {
        let mut r = open::open_files(&lib, en, Some(zh), &Default::default()).unwrap();
        r.align_now();
        assert_eq!(r.stale, None, "{}: {}", en.display(), r.alignment_origin);
        let mut app = app_on(r);
        app.update(Action::Review);
        if merge {
            app.update(Action::Merge);
        }
        app.update(Action::Verify);
        diglot::tui::app::save_review(app.reader.as_mut().unwrap()).unwrap();
        let r = app.reader.as_ref().unwrap();
        (r.save_target.path.clone(), r.groups().len())
    };
    let (first, first_groups) = review(&a_en, &a_zh, true);
    let (second, second_groups) = review(&b_en, &b_zh, false);
    assert_ne!(first, second, "two pairs, two files");
    assert_ne!(first_groups, second_groups, "the first pair's merge is its own");
    // Each pair reopens on its own review, fitting its own texts.
    for (en, zh, file, groups) in
        [(&a_en, &a_zh, &first, first_groups), (&b_en, &b_zh, &second, second_groups)]
    {
        let r = open::open_files(&lib, en, Some(zh), &Default::default()).unwrap();
        assert!(r.alignment_origin.starts_with("stored: "), "{}", r.alignment_origin);
        assert_eq!((r.stale.as_deref(), &r.save_target.path), (None, file));
        assert_eq!(r.groups().len(), groups, "{}", en.display());
        let saved = Alignment::load(file).unwrap();
        assert!(Path::new(&saved.left.source).is_absolute(), "{}", saved.left.source);
    }
    // A pair that moved is still found by its content.
    let moved = dir.join("moved");
    std::fs::rename(&a, &moved).unwrap();
    let r = open::open_files(&lib, &moved.join("en.txt"), Some(&moved.join("zh.txt")), &Default::default())
        .unwrap();
    assert_eq!((r.groups().len(), &r.save_target.path), (first_groups, &first), "{}", r.alignment_origin);
}

#[test]
fn a_failed_save_says_why_and_keeps_the_edits() {
    let dir = scratch("rm-fail");
    // A file where the directory should be.
    std::fs::write(dir.join("blocked"), "x").unwrap();
    let mut a = app_on(fixed(&dir.join("blocked/a.toml")));
    a.update(Action::Review);
    a.update(Action::Merge);
    let err = diglot::tui::app::save_review(a.reader.as_mut().unwrap()).unwrap_err().to_string();
    assert!(err.contains("blocked"), "{err}");
    assert!(a.is_dirty());
}

#[test]
fn the_cursor_stays_on_screen_through_resizes_and_scrolling() {
    let dir = scratch("rm-screen");
    let lib = Library::load_from(None).unwrap();
    let mut r = open::open_work(&lib, "uprising", None, None).unwrap();
    r.save_target.path = dir.join("u.toml");
    let mut a = app_on(r);
    a.update(Action::Review);
    let on_screen = |a: &App| {
        let r = reader(a);
        let c = r.cursor();
        r.visible().iter().any(|&(g, y)| g == c && y < r.rows() as isize)
    };
    for _ in 0..12 {
        a.update(Action::Down);
        assert!(on_screen(&a));
    }
    assert_eq!(cursor(&a), 12);
    for (w, h) in [(60, 12), (200, 50), (20, 5), (120, 40)] {
        a.update(Action::Resize(w, h));
        assert_eq!(cursor(&a), 12, "a resize moved the cursor");
        assert!(on_screen(&a), "cursor off screen at {w}×{h}");
    }
    a.update(Action::ToggleStacked);
    assert!(on_screen(&a));
    a.update(Action::ToggleStacked);
    // The wheel scrolls the text; the cursor follows only as far as it must.
    for _ in 0..30 {
        a.update(Action::Scroll(3));
        assert!(on_screen(&a));
    }
    assert!(cursor(&a) > 12);
    a.update(Action::PageDown);
    assert_eq!(cursor(&a), reader(&a).current());
    for _ in 0..20 {
        a.update(Action::Up);
        assert!(on_screen(&a));
    }
}

mod random_keys {
    use super::*;
    use proptest::prelude::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    const ACTIONS: [Action; 30] = [
        Action::Review,
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::Top,
        Action::Bottom,
        Action::NextSection,
        Action::Focus,
        Action::Swap,
        Action::ToggleStacked,
        Action::NextFlagged,
        Action::PrevFlagged,
        Action::NextUnverified,
        Action::Merge,
        Action::Split,
        Action::MoveUp,
        Action::MoveDown,
        Action::Detach,
        Action::DetachLast,
        Action::Verify,
        Action::VerifyThrough,
        Action::Unverify,
        Action::Undo,
        Action::Redo,
        Action::Quit,
        Action::Cancel,
        Action::Scroll(3),
        Action::Resize(50, 12),
        Action::Resize(120, 40),
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Any sequence of keys: no panic, the reader and the review model stay in step, every
        /// paragraph stays in exactly one group, and every frame draws.
        #[test]
        fn any_keys_keep_the_alignment_whole(keys in proptest::collection::vec(0..ACTIONS.len(), 1..60)) {
            let dir = scratch("rm-random");
            let mut a = app_on(fixed(&dir.join("a.toml")));
            let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
            for k in keys {
                let action = ACTIONS[k];
                if let Action::Resize(w, h) = action {
                    t = Terminal::new(TestBackend::new(w, h)).unwrap();
                }
                // Requests (save, quit, other languages) are the loop's business: left undone.
                let _ = a.update(action);
                if a.reader.as_ref().is_some_and(|r| r.review().is_some()) {
                    in_step(&a);
                }
                if let Some(r) = a.reader.as_ref() {
                    let al = r.alignment().unwrap();
                    prop_assert!(al.validate().is_ok(), "{:?}", al.validate());
                }
                t.draw(|f| diglot::tui::view::draw(&a, f)).unwrap();
            }
        }
    }
}

#[test]
fn a_stale_file_in_the_current_directory_is_read_never_written() {
    let dir = scratch("rm-stale-compat");
    std::fs::create_dir_all(dir.join("alignments")).unwrap();
    let (mut al, l, r) = align_work("uprising", Lang::EN, Lang::ZH);
    al.groups[0].status = Status::Verified;
    al.left.hash = "fnv1a64:0000000000000000".into();
    let file = dir.join("alignments/uprising.en-zh.toml");
    diglot::store::save_atomic(&al, &file, Some(&l), Some(&r)).unwrap();
    let old = std::fs::read_to_string(&file).unwrap();
    let data = dir.join("data/alignments");
    let lib = user_library(&dir).with_data(Some(data.clone()));
    let reader = open::open_work(&lib, "uprising", None, None).unwrap();
    let stale = reader.stale.clone().unwrap();
    assert!(stale.contains("is stale") && !stale.contains(".stale"), "{stale}");
    assert_eq!(reader.save_target.path, data.join("uprising.en-zh.toml"));
    let mut a = app_on(reader);
    a.update(Action::Review);
    a.update(Action::Verify);
    let m = diglot::tui::app::save_review(a.reader.as_mut().unwrap()).unwrap();
    assert!(!m.contains("kept"), "{m}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), old);
    assert!(Alignment::load(&data.join("uprising.en-zh.toml")).unwrap().check_against(&l, &r).is_ok());
}

#[test]
fn the_recovery_key_is_the_pair_whichever_way_round() {
    let dir = scratch("rm-rkey");
    let mut a = app_on(fixed(&dir.join("a.toml")));
    let key = diglot::tui::recovery_key(a.reader.as_ref().unwrap());
    a.update(Action::Swap);
    assert_ne!(diglot::tui::memory_key(a.reader.as_ref().unwrap()), key);
    assert_eq!(diglot::tui::recovery_key(a.reader.as_ref().unwrap()), key);
}

#[test]
fn recovered_edits_are_restored_as_one_unsaved_edit_or_discarded() {
    let dir = scratch("rm-recover");
    let mut r = fixed(&dir.join("a.toml"));
    let mut edited = r.alignment().unwrap();
    edited.groups.splice(0..2, [Group::new(vec![0, 1, 2], vec![0, 1], 1.0)]);
    r.recovery = Some(diglot::store::Recovery { time: 0, alignment: edited.flipped() });
    let mut a = app_on(r);
    assert_eq!(msg(&a), "R restore the unsaved edits from 1970-01-01 00:00 UTC, X discard");
    assert_eq!(a.update(Action::Recover), Some(Request::DropRecovery));
    assert!(msg(&a).starts_with("restored the unsaved edits from 1970-01-01 00:00 UTC"), "{}", msg(&a));
    assert!(a.is_dirty() && reader(&a).review().is_some());
    assert_eq!(reader(&a).groups(), &edited.groups[..], "flipped back to the reader's orientation");
    in_step(&a);
    a.update(Action::Undo);
    assert!(!a.is_dirty());
    assert_eq!(a.update(Action::Recover), None, "nothing left to restore");

    // Edits of texts that changed since are not restored; X discards them.
    let mut r = fixed(&dir.join("a.toml"));
    let mut other = r.alignment().unwrap();
    other.left.hash = "fnv1a64:0000000000000000".into();
    r.recovery = Some(diglot::store::Recovery { time: 0, alignment: other });
    let mut a = app_on(r);
    assert_eq!(a.update(Action::Recover), None);
    assert!(msg(&a).contains("changed since: not restored"), "{}", msg(&a));
    assert_eq!(a.update(Action::DiscardRecovery), Some(Request::DropRecovery));
    assert!(reader(&a).recovery.is_none() && !a.is_dirty());
}
