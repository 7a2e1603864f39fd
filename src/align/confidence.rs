//! How sure the aligner is of each group: a group is right when both its boundaries are, and
//! a boundary (a node of the best path) is as sure as the best path that avoids it is worse.
//! With the forward costs `F` and backward costs `B` of the search, `F + B` at a node is the
//! cost of the best path through it; the margin of a path node is the smallest `F + B` over
//! the other nodes of its row and column minus the best cost. Margins (in nats) become
//! confidences as `1 - exp(-margin / SCALE)`. This costs one backward pass and one sweep.

use super::search::Band;

/// Margin (in nats) at which confidence reaches 1 - 1/e.
const SCALE: f32 = 2.5;

/// Margins of the nodes of the best path.
pub fn path_margins(band: &Band, forward: &[f32], backward: &[f32], n: usize, m: usize, path: &[(usize, usize)]) -> Vec<f32> {
    // Best and second best F + B of every row and column, with where the best is.
    let mut row = vec![(f32::INFINITY, usize::MAX, f32::INFINITY); n + 1];
    let mut col = vec![(f32::INFINITY, usize::MAX, f32::INFINITY); m + 1];
    let update = |slot: &mut (f32, usize, f32), t: f32, at: usize| {
        if t < slot.0 {
            slot.2 = slot.0;
            *slot = (t, at, slot.2);
        } else if t < slot.2 {
            slot.2 = t;
        }
    };
    for (i, r) in row.iter_mut().enumerate() {
        let (lo, hi) = band.row(i);
        for j in lo..=hi {
            let Some(k) = band.index(i, j) else { continue };
            let t = forward[k] + backward[k];
            if t.is_finite() {
                update(r, t, j);
                update(&mut col[j], t, i);
            }
        }
    }
    let best = backward.first().copied().unwrap_or(0.0);
    path.iter()
        .map(|&(i, j)| {
            if (i == 0 && j == 0) || (i == n && j == m) {
                return f32::INFINITY;
            }
            let r = row[i];
            let c = col[j];
            let alt_r = if r.1 == j { r.2 } else { r.0 };
            let alt_c = if c.1 == i { c.2 } else { c.0 };
            (alt_r.min(alt_c) - best).max(0.0)
        })
        .collect()
}

/// The confidence of a group whose boundaries have margins `a` and `b`.
pub fn confidence(a: f32, b: f32) -> f32 {
    let m = a.min(b);
    if m.is_infinite() {
        return 1.0;
    }
    let c = 1.0 - (-m / SCALE).exp();
    (c * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_grows_with_the_margin() {
        assert_eq!(confidence(0.0, 5.0), 0.0);
        assert!(confidence(1.0, 5.0) < confidence(3.0, 5.0));
        assert_eq!(confidence(f32::INFINITY, f32::INFINITY), 1.0);
        assert!(confidence(20.0, 30.0) > 0.99);
    }
}
