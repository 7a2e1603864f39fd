//! The length model (Gale & Church 1993): a translation's length is about proportional to the
//! original's, with a variance that grows with the length. Both the ratio and the variance are
//! estimated from the pair itself (UTF-8 bytes: Chinese runs about three bytes a character,
//! which keeps the ratio to English near one), first from the whole texts, then from the
//! groups a first alignment is sure of.

/// Right length ≈ `ratio` × left length, with variance `var` × the mean length.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LengthModel {
    pub ratio: f32,
    pub var: f32,
}

/// The variance per byte a first pass assumes, relative to the mean paragraph length: a
/// typical 1-1 pair is within about a quarter of the expected length.
const INITIAL_VAR_PER_MEAN: f32 = 0.1;

/// Narrowest variance (bytes): a few pairs of very even lengths must not make every other
/// length look impossible.
const MIN_VAR: f32 = 1.0;

/// Fewest pairs to re-estimate from.
const MIN_PAIRS: usize = 5;

impl LengthModel {
    /// A first guess from the total lengths of both texts.
    pub fn from_totals(left: &[f32], right: &[f32]) -> LengthModel {
        let (sl, sr): (f32, f32) = (left.iter().sum(), right.iter().sum());
        if sl <= 0.0 || sr <= 0.0 {
            return LengthModel { ratio: 1.0, var: 6.0 };
        }
        let ratio = sr / sl;
        let mean = (sl * ratio + sr) / 2.0 / (left.len() + right.len()).max(1) as f32 * 2.0;
        LengthModel { ratio, var: (INITIAL_VAR_PER_MEAN * mean).max(1.0) }
    }

    /// Re-estimates from pairs believed to be translations of each other (left, right
    /// lengths), robustly, so that a few wrong pairs (or a translation that stops early,
    /// which misleads the ratio of the totals) do not sway it: the ratio as the
    /// length-weighted median of the pairs' ratios, the variance from the median squared
    /// deviation. Keeps `self` when there are too few pairs.
    pub fn refit(&self, pairs: &[(f32, f32)]) -> LengthModel {
        let mut ratios: Vec<(f32, f32)> =
            pairs.iter().filter(|&&(l, r)| l > 0.0 && r > 0.0).map(|&(l, r)| (r / l, l)).collect();
        if ratios.len() < MIN_PAIRS {
            return *self;
        }
        ratios.sort_by(|a, b| a.0.total_cmp(&b.0));
        let half = ratios.iter().map(|x| x.1).sum::<f32>() / 2.0;
        let mut acc = 0.0;
        let mut ratio = self.ratio;
        for &(q, w) in &ratios {
            acc += w;
            if acc >= half {
                ratio = q;
                break;
            }
        }
        let mut dev: Vec<f32> = pairs
            .iter()
            .map(|&(l, r)| {
                let d = r - ratio * l;
                d * d / ((ratio * l + r) / 2.0).max(1.0)
            })
            .collect();
        dev.sort_by(f32::total_cmp);
        // The median of a squared standard normal is 0.455.
        let var = dev[dev.len() / 2] / 0.455;
        LengthModel { ratio, var: var.clamp(MIN_VAR, 1e4) }
    }

    /// Cost (negative log probability) of left length `l` translating as right length `r`.
    #[inline]
    pub fn cost(&self, l: f32, r: f32) -> f32 {
        let mean = (self.ratio * l + r) * 0.5;
        let d = (r - self.ratio * l) / (self.var * mean.max(1.0)).sqrt();
        tail_cost(d.abs())
    }
}

/// `-ln P(|Z| >= z)` for a standard normal `Z` (Gale & Church's two-tailed probability), via
/// the Abramowitz & Stegun 7.1.26 approximation of erfc, and its asymptote far out.
#[inline]
pub fn tail_cost(z: f32) -> f32 {
    let x = z * std::f32::consts::FRAC_1_SQRT_2;
    if x > 3.5 {
        // erfc(x) ≈ exp(-x²) / (x √π)
        return x * x + (x * 1.772_453_9).ln();
    }
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let poly =
        t * (0.254_829_6 + t * (-0.284_496_74 + t * (1.421_413_7 + t * (-1.453_152 + t * 1.061_405_4))));
    let erfc = poly * (-x * x).exp();
    -(erfc.max(1e-30)).ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_cost_is_continuous_and_grows() {
        assert!(tail_cost(0.0).abs() < 0.01);
        let below = tail_cost(4.94);
        let above = tail_cost(4.96);
        assert!((below - above).abs() < 0.2, "{below} {above}");
        assert!(tail_cost(1.0) < tail_cost(2.0) && tail_cost(2.0) < tail_cost(3.0));
    }

    #[test]
    fn refit_learns_ratio_and_spread() {
        let pairs: Vec<(f32, f32)> = (0..50)
            .map(|i| (100.0 + i as f32, 300.0 + 3.0 * i as f32 + if i % 2 == 0 { 10.0 } else { -10.0 }))
            .collect();
        let m = LengthModel { ratio: 1.0, var: 6.0 }.refit(&pairs);
        assert!((m.ratio - 3.0).abs() < 0.1, "{m:?}");
        assert!(m.cost(100.0, 300.0) < m.cost(100.0, 200.0));
    }
}
