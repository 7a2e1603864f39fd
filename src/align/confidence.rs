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
pub fn path_margins(band: &Band, through: &[f32], n: usize, m: usize, path: &[(usize, usize)]) -> Vec<f32> {
    // The path's own nodes of each row and column (a contiguous run, the path being
    // monotone) are not alternatives to each other.
    let mut on_row = vec![(usize::MAX, 0usize); n + 1];
    let mut on_col = vec![(usize::MAX, 0usize); m + 1];
    for &(i, j) in path {
        on_row[i] = (on_row[i].0.min(j), on_row[i].1.max(j));
        on_col[j] = (on_col[j].0.min(i), on_col[j].1.max(i));
    }
    let mut row = vec![f32::INFINITY; n + 1];
    let mut col = vec![f32::INFINITY; m + 1];
    for (i, r) in row.iter_mut().enumerate() {
        let (lo, hi) = band.row(i);
        let Some(first) = band.index(i, lo) else { continue };
        for j in lo..=hi {
            let k = first + (j - lo);
            let t = through[k];
            if !t.is_finite() {
                continue;
            }
            let (a, b) = on_row[i];
            if j < a || j > b {
                *r = r.min(t);
            }
            let (a, b) = on_col[j];
            if i < a || i > b {
                col[j] = col[j].min(t);
            }
        }
    }
    let best = through.first().copied().unwrap_or(0.0);
    path.iter()
        .map(|&(i, j)| {
            if (i == 0 && j == 0) || (i == n && j == m) {
                return f32::INFINITY;
            }
            (row[i].min(col[j]) - best).max(0.0)
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
