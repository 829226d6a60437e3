//! The dependency graph of systems and infrastructure (`depends_on`).

use super::ComponentIx;

/// Find every dependency cycle, each as the list of components around it (first repeated at
/// the end, e.g. `a -> b -> a`). Each cycle is reported once, starting at its smallest index.
pub fn cycles(depends_on: &[Vec<ComponentIx>]) -> Vec<Vec<ComponentIx>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        OnStack,
        Done,
    }
    let mut marks = vec![Mark::New; depends_on.len()];
    let mut found: Vec<Vec<ComponentIx>> = Vec::new();
    // Iterative DFS: a deep chain in a large trust must not overflow the stack.
    for start in 0..depends_on.len() {
        if marks[start] != Mark::New {
            continue;
        }
        let mut stack: Vec<(ComponentIx, usize)> = vec![(start, 0)];
        marks[start] = Mark::OnStack;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&dep) = depends_on[node].get(*next) {
                *next += 1;
                match marks[dep] {
                    Mark::New => {
                        marks[dep] = Mark::OnStack;
                        stack.push((dep, 0));
                    }
                    Mark::OnStack => {
                        let from = stack.iter().position(|&(n, _)| n == dep).unwrap_or(0);
                        let mut cycle: Vec<ComponentIx> =
                            stack[from..].iter().map(|&(n, _)| n).collect();
                        let min_at = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
                        cycle.rotate_left(min_at);
                        cycle.push(cycle[0]);
                        if !found.contains(&cycle) {
                            found.push(cycle);
                        }
                    }
                    Mark::Done => {}
                }
            } else {
                marks[node] = Mark::Done;
                stack.pop();
            }
        }
    }
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    // Protects cycle detection on a loop, a self-loop and a diamond (which is not a cycle).
    #[test]
    fn finds_cycles_not_diamonds() {
        assert!(cycles(&[vec![1, 2], vec![3], vec![3], vec![]]).is_empty());
        assert_eq!(cycles(&[vec![1], vec![2], vec![0]]), vec![vec![0, 1, 2, 0]]);
        assert_eq!(cycles(&[vec![0]]), vec![vec![0, 0]]);
        assert_eq!(cycles(&[vec![], vec![2], vec![1]]), vec![vec![1, 2, 1]]);
    }

    // Protects against stack overflow on a long dependency chain.
    #[test]
    fn deep_chain_is_fine() {
        let chain: Vec<Vec<usize>> = (0..100_000)
            .map(|i| if i + 1 < 100_000 { vec![i + 1] } else { vec![] })
            .collect();
        assert!(cycles(&chain).is_empty());
    }
}
