//! Three texts aligned through a shared one: the alignments of a text with two translations
//! (en–ru and en–ko) composed into bands that each hold what corresponds across all three.
//!
//! Only pairwise alignments exist, and their groups need not cut the shared text at the same
//! places: en 1–2 may be one group with ru and two groups with ko. A band is therefore a
//! connected component of both alignments' groups, linked through the shared text's
//! paragraphs, and closed so that every text still reads in order: a band that holds groups
//! 3 and 5 of one alignment holds group 4 too, and two bands whose shared paragraphs
//! interleave are one. A group with no shared paragraph (a translation's paragraph left out
//! of the shared text) that falls between bands stays a band of its own, in its place.
//!
//! Pure: no I/O, and bad input (ids out of order, paragraphs missing) gives bands, not a panic.

use crate::alignment::{Group, Status};

/// One band of three texts: the paragraphs of the shared text and of each translation.
#[derive(Debug, Clone, PartialEq)]
pub struct Band3 {
    pub shared: Vec<usize>,
    pub first: Vec<usize>,
    pub second: Vec<usize>,
    /// The least confidence of the groups it was made of.
    pub confidence: f32,
    /// Verified when every group it was made of is.
    pub status: Status,
}

/// Composes `first` (the shared text on the left of each group, the first translation on
/// the right) and `second` (the shared text left, the second translation right) into bands,
/// in reading order. Shared paragraphs below `shared_len` that neither alignment has become
/// bands of their own, so the shared pane shows its whole text.
pub fn compose(shared_len: usize, first: &[Group], second: &[Group]) -> Vec<Band3> {
    let (n1, n2) = (first.len(), second.len());
    let groups = |k: usize| if k < n1 { &first[k] } else { &second[k - n1] };
    // Nodes: the groups of `first`, then those of `second`, then each shared paragraph that
    // some group names (so components link through them).
    let max_shared = first.iter().chain(second).flat_map(|g| g.left.iter().copied()).max();
    let shared_n = max_shared.map_or(0, |m| m + 1).max(shared_len);
    let mut uf = UnionFind::new(n1 + n2 + shared_n);
    for k in 0..n1 + n2 {
        for &p in &groups(k).left {
            uf.union(k, n1 + n2 + p);
        }
    }
    // Close under reading order until nothing changes: each pass only merges, so it ends.
    loop {
        let mut changed = false;
        // Within each alignment: everything between a component's first and last group.
        for (offset, len) in [(0, n1), (n1, n2)] {
            changed |= merge_spans(&mut uf, (offset..offset + len).map(|k| (k, k - offset)));
        }
        // In the shared text: components whose paragraphs interleave.
        changed |= merge_spans(&mut uf, (0..shared_n).map(|p| (n1 + n2 + p, p)));
        // Groups that cross (a later group on shared paragraphs before an earlier one's).
        let mut place = std::collections::HashMap::new();
        for p in (0..shared_n).rev() {
            let node = n1 + n2 + p;
            if uf.size(node) > 1 {
                place.insert(uf.find(node), p);
            }
        }
        for (offset, len) in [(0, n1), (n1, n2)] {
            changed |= merge_crossings(&mut uf, offset..offset + len, &place);
        }
        if !changed {
            break;
        }
    }
    // Each component's first shared paragraph places it; a component with none (a group of
    // one translation alone) goes just before the component of the next group in its
    // alignment that has shared paragraphs, after any component placed there.
    let root_min_shared = {
        let mut m = vec![usize::MAX; uf.len()];
        for p in 0..shared_n {
            let node = n1 + n2 + p;
            let has_group = uf.size(node) > 1;
            if has_group || p < shared_len {
                let r = uf.find(node);
                m[r] = m[r].min(p);
            }
        }
        m
    };
    let mut bands: Vec<(Key, usize, Band3)> = Vec::new();
    let mut band_of_root = vec![usize::MAX; uf.len()];
    for (offset, len, which) in [(0, n1, 0u8), (n1, n2, 1u8)] {
        // The place of the next group with shared paragraphs, from the end backwards.
        let mut next_place = usize::MAX;
        let mut places = vec![usize::MAX; len];
        for i in (0..len).rev() {
            let k = offset + i;
            let r = uf.find(k);
            if root_min_shared[r] != usize::MAX {
                next_place = root_min_shared[r];
            }
            places[i] = next_place;
        }
        for (i, &place) in places.iter().enumerate() {
            let k = offset + i;
            let r = uf.find(k);
            let key = if root_min_shared[r] != usize::MAX {
                Key { place: root_min_shared[r], own: 1, which: 0, index: 0 }
            } else {
                Key { place, own: 0, which, index: i }
            };
            if band_of_root[r] == usize::MAX {
                band_of_root[r] = bands.len();
                let empty = Band3 {
                    shared: Vec::new(),
                    first: Vec::new(),
                    second: Vec::new(),
                    confidence: 1.0,
                    status: Status::Verified,
                };
                bands.push((key, r, empty));
            }
            let g = groups(k);
            let band = &mut bands[band_of_root[r]].2;
            if which == 0 {
                band.first.extend(&g.right);
            } else {
                band.second.extend(&g.right);
            }
            band.confidence = band.confidence.min(g.confidence);
            if g.status != Status::Verified {
                band.status = Status::Auto;
            }
        }
    }
    // The shared paragraphs, by component: those a band spans but no group names join it,
    // and those of no band (below `shared_len`) are bands of their own.
    for p in 0..shared_n {
        let node = n1 + n2 + p;
        let r = uf.find(node);
        match band_of_root.get(r) {
            Some(&b) if b != usize::MAX => bands[b].2.shared.push(p),
            _ if p < shared_len => {
                let band = Band3 {
                    shared: vec![p],
                    first: Vec::new(),
                    second: Vec::new(),
                    confidence: 0.0,
                    status: Status::Auto,
                };
                bands.push((Key { place: p, own: 1, which: 0, index: 0 }, node, band));
            }
            _ => {}
        }
    }
    bands.sort_by_key(|(key, _, _)| *key);
    bands
        .into_iter()
        .map(|(_, _, mut b)| {
            for ids in [&mut b.shared, &mut b.first, &mut b.second] {
                ids.sort_unstable();
                ids.dedup();
            }
            b
        })
        .collect()
}

/// Where a band goes: by `place` in the shared text; there, the lone translation groups
/// (`own` 0, the first alignment's before the second's, each in its order) before the band
/// that holds the shared paragraph (`own` 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    place: usize,
    own: u8,
    which: u8,
    index: usize,
}

/// Merges every component with the nodes that lie within its span of positions, and
/// components whose spans overlap. `nodes`: each node with its position, in order of position.
/// True when something was merged (a merge can widen a span: the caller repeats).
fn merge_spans(uf: &mut UnionFind, nodes: impl Iterator<Item = (usize, usize)>) -> bool {
    let nodes: Vec<(usize, usize)> = nodes.collect();
    // The last position of each component among these nodes.
    let mut last = std::collections::HashMap::new();
    for &(node, pos) in &nodes {
        last.insert(uf.find(node), pos);
    }
    let mut changed = false;
    // Sweep: while inside the open span, every node joins its component.
    let mut open: Option<(usize, usize)> = None;
    for &(node, pos) in &nodes {
        let r = uf.find(node);
        let end_r = last.get(&r).copied().unwrap_or(pos);
        match open {
            Some((o, end)) if pos <= end => {
                if uf.find(o) != r {
                    uf.union(o, node);
                    changed = true;
                }
                open = Some((o, end.max(end_r)));
            }
            _ => open = Some((node, end_r)),
        }
    }
    changed
}

/// Merges the components of groups (`nodes`, in their alignment's order) that come in another
/// order than their first shared paragraphs (`place`, by component): a group placed before
/// one that precedes it joins it and everything between. True when something was merged.
fn merge_crossings(
    uf: &mut UnionFind,
    nodes: std::ops::Range<usize>,
    place: &std::collections::HashMap<usize, usize>,
) -> bool {
    let mut changed = false;
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for node in nodes {
        let Some(mut p) = place.get(&uf.find(node)).copied() else { continue };
        while let Some(&(top, tp)) = stack.last() {
            if uf.find(top) == uf.find(node) {
                p = p.min(tp);
            } else if tp > p {
                uf.union(top, node);
                changed = true;
            } else {
                break;
            }
            stack.pop();
        }
        stack.push((node, p));
    }
    changed
}

/// Disjoint sets with union by size.
struct UnionFind {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n).collect(), size: vec![1; n] }
    }

    fn len(&self) -> usize {
        self.parent.len()
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn size(&mut self, x: usize) -> usize {
        let r = self.find(x);
        self.size[r]
    }

    fn union(&mut self, a: usize, b: usize) {
        let (mut a, mut b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        if self.size[a] < self.size[b] {
            std::mem::swap(&mut a, &mut b);
        }
        self.parent[b] = a;
        self.size[a] += self.size[b];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(l: &[usize], r: &[usize]) -> Group {
        Group::new(l.to_vec(), r.to_vec(), 0.9)
    }

    /// The bands as (shared, first, second).
    fn ids(bands: &[Band3]) -> Vec<(Vec<usize>, Vec<usize>, Vec<usize>)> {
        bands.iter().map(|b| (b.shared.clone(), b.first.clone(), b.second.clone())).collect()
    }

    fn v(x: &[usize]) -> Vec<usize> {
        x.to_vec()
    }

    #[test]
    fn one_to_one_on_both_sides_is_kept() {
        let a = [g(&[0], &[0]), g(&[1], &[1]), g(&[2], &[2])];
        let b = [g(&[0], &[0]), g(&[1], &[1]), g(&[2], &[2])];
        let bands = compose(3, &a, &b);
        assert_eq!(ids(&bands), (0..3).map(|i| (v(&[i]), v(&[i]), v(&[i]))).collect::<Vec<_>>());
    }

    #[test]
    fn groups_cut_at_other_places_merge() {
        // en 0-1 is one ru paragraph; en 1-2 is one ko paragraph: all three en are one band.
        let a = [g(&[0, 1], &[0]), g(&[2], &[1]), g(&[3], &[2])];
        let b = [g(&[0], &[0]), g(&[1, 2], &[1]), g(&[3], &[2, 3])];
        let bands = compose(4, &a, &b);
        assert_eq!(
            ids(&bands),
            vec![(v(&[0, 1, 2]), v(&[0, 1]), v(&[0, 1])), (v(&[3]), v(&[2]), v(&[2, 3]))]
        );
    }

    #[test]
    fn left_out_paragraphs_keep_their_place() {
        // ru 1 has no English; ko 0 has none either; en 2 has no Korean.
        let a = [g(&[0], &[0]), g(&[], &[1]), g(&[1], &[2]), g(&[2], &[3])];
        let b = [g(&[], &[0]), g(&[0], &[1]), g(&[1], &[2]), g(&[2], &[])];
        let bands = compose(3, &a, &b);
        assert_eq!(
            ids(&bands),
            vec![
                (v(&[]), v(&[]), v(&[0])),
                (v(&[0]), v(&[0]), v(&[1])),
                (v(&[]), v(&[1]), v(&[])),
                (v(&[1]), v(&[2]), v(&[2])),
                (v(&[2]), v(&[3]), v(&[])),
            ]
        );
        // Both lone groups at the same place: the first alignment's first.
        let a = [g(&[0], &[0]), g(&[], &[1]), g(&[1], &[2])];
        let b = [g(&[0], &[0]), g(&[], &[1]), g(&[1], &[2])];
        assert_eq!(
            ids(&compose(2, &a, &b)),
            vec![
                (v(&[0]), v(&[0]), v(&[0])),
                (v(&[]), v(&[1]), v(&[])),
                (v(&[]), v(&[]), v(&[1])),
                (v(&[1]), v(&[2]), v(&[2])),
            ]
        );
    }

    #[test]
    fn a_lone_group_inside_a_band_joins_it() {
        // ru 1 sits between ru 0 and ru 2, which the Korean side puts in one band.
        let a = [g(&[0], &[0]), g(&[], &[1]), g(&[1], &[2])];
        let b = [g(&[0, 1], &[0])];
        assert_eq!(ids(&compose(2, &a, &b)), vec![(v(&[0, 1]), v(&[0, 1, 2]), v(&[0]))]);
    }

    #[test]
    fn crossing_groups_become_one_band() {
        // Out of order input (ko 0 goes with en 2, ko 1 with en 0): no band may show the
        // Korean out of order, so the crossing groups are one band.
        let a = [g(&[0], &[0]), g(&[1], &[1]), g(&[2], &[2]), g(&[3], &[3])];
        let b = [g(&[2], &[0]), g(&[0], &[1]), g(&[3], &[2])];
        let bands = compose(4, &a, &b);
        assert_eq!(
            ids(&bands),
            vec![(v(&[0, 1, 2]), v(&[0, 1, 2]), v(&[0, 1])), (v(&[3]), v(&[3]), v(&[2]))]
        );
    }

    #[test]
    fn empty_sides_and_missing_paragraphs() {
        assert!(compose(0, &[], &[]).is_empty());
        // No second alignment at all: the first one's groups, the shared text whole.
        let a = [g(&[0], &[0]), g(&[1], &[])];
        assert_eq!(
            ids(&compose(3, &a, &[])),
            vec![(v(&[0]), v(&[0]), v(&[])), (v(&[1]), v(&[]), v(&[])), (v(&[2]), v(&[]), v(&[])),]
        );
        // Only translations: they follow each other, first then second.
        let a = [g(&[], &[0]), g(&[], &[1])];
        let b = [g(&[], &[0])];
        assert_eq!(
            ids(&compose(0, &a, &b)),
            vec![(v(&[]), v(&[0]), v(&[])), (v(&[]), v(&[1]), v(&[])), (v(&[]), v(&[]), v(&[0])),]
        );
        // A shared paragraph past `shared_len` is still shown where a group names it.
        let a = [g(&[5], &[0])];
        assert_eq!(ids(&compose(1, &a, &[])), vec![(v(&[0]), v(&[]), v(&[])), (v(&[5]), v(&[0]), v(&[]))]);
    }

    #[test]
    fn confidence_and_status_come_from_the_groups() {
        let mut a = [g(&[0], &[0]), g(&[1], &[1])];
        a[0].status = Status::Verified;
        a[1].status = Status::Verified;
        a[1].confidence = 0.4;
        let mut b = [g(&[0], &[0]), g(&[1], &[1])];
        b[0].status = Status::Verified;
        let bands = compose(2, &a, &b);
        assert_eq!(bands[0].status, Status::Verified);
        assert_eq!(bands[1].status, Status::Auto);
        assert_eq!(bands[1].confidence, 0.4);
    }

    #[test]
    fn every_paragraph_is_in_exactly_one_band_in_order() {
        // Random monotone alignments of 40 shared paragraphs: each text reads in order, whole.
        let mut seed = 7u64;
        let mut rnd = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..200 {
            let mut make = || {
                let (mut s, mut t, mut out) = (0usize, 0usize, Vec::new());
                while s < 40 {
                    let (ls, lt) = match rnd(6) {
                        0 => (0, 1),
                        1 => (1, 0),
                        2 => (2, 1),
                        3 => (1, 2),
                        _ => (1, 1),
                    };
                    let ls = ls.min(40 - s);
                    out.push(g(&(s..s + ls).collect::<Vec<_>>(), &(t..t + lt).collect::<Vec<_>>()));
                    s += ls;
                    t += lt;
                }
                (out, t)
            };
            let ((a, na), (b, nb)) = (make(), make());
            let bands = compose(40, &a, &b);
            let flat =
                |f: &dyn Fn(&Band3) -> &Vec<usize>| bands.iter().flat_map(f).copied().collect::<Vec<_>>();
            assert_eq!(flat(&|b| &b.shared), (0..40).collect::<Vec<_>>());
            assert_eq!(flat(&|b| &b.first), (0..na).collect::<Vec<_>>());
            assert_eq!(flat(&|b| &b.second), (0..nb).collect::<Vec<_>>());
            assert!(
                bands.iter().all(|b| !(b.shared.is_empty() && b.first.is_empty() && b.second.is_empty()))
            );
        }
    }
}
