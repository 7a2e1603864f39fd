#[path = "../tests/common/synthetic.rs"]
mod synthetic;
fn main() {
    let rates = synthetic::Rates { split: 0.3, join: 0.03, drop: 0.01, insert: 0.01 };
    let p = synthetic::pair(30_000, rates, 7);
    let t = std::time::Instant::now();
    let g = diglot::align::align(&p.left, &p.right, &Default::default());
    let gold: std::collections::HashSet<_> = p.gold.iter().cloned().collect();
    let ok = g.iter().filter(|x| gold.contains(&(x.left.clone(), x.right.clone()))).count();
    eprintln!("{:?} groups {} exact {}", t.elapsed(), g.len(), ok as f64 / p.gold.len() as f64);
}
