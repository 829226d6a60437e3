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

/// What a set of failures takes down. `via[c]` is `None` for a component that still works;
/// for a lost one it is the dependency it was lost through (itself, when it failed directly).
#[derive(Debug, Clone, PartialEq)]
pub struct BlastRadius {
    pub via: Vec<Option<ComponentIx>>,
}

impl BlastRadius {
    pub fn is_lost(&self, c: ComponentIx) -> bool {
        self.via.get(c).is_some_and(Option::is_some)
    }

    /// The chain from `c` down to the failed component that took it out, e.g.
    /// `[order-comms, epr, data-centre]`. Empty if `c` still works.
    pub fn path(&self, c: ComponentIx) -> Vec<ComponentIx> {
        let mut path = Vec::new();
        let mut at = c;
        while let Some(Some(next)) = self.via.get(at) {
            path.push(at);
            if *next == at || path.len() > self.via.len() {
                break;
            }
            at = *next;
        }
        path
    }

    pub fn lost(&self) -> impl Iterator<Item = ComponentIx> + '_ {
        (0..self.via.len()).filter(|&c| self.is_lost(c))
    }
}

/// Everything lost when `failed` fail: the failed components and, transitively, everything
/// that depends on them. Breadth-first, so each path is a shortest chain of dependencies.
pub fn blast_radius(depends_on: &[Vec<ComponentIx>], failed: &[ComponentIx]) -> BlastRadius {
    let mut dependents: Vec<Vec<ComponentIx>> = vec![Vec::new(); depends_on.len()];
    for (c, deps) in depends_on.iter().enumerate() {
        for &d in deps {
            if let Some(list) = dependents.get_mut(d) {
                list.push(c);
            }
        }
    }
    let mut via: Vec<Option<ComponentIx>> = vec![None; depends_on.len()];
    let mut queue = std::collections::VecDeque::new();
    for &f in failed {
        if f < via.len() && via[f].is_none() {
            via[f] = Some(f);
            queue.push_back(f);
        }
    }
    while let Some(down) = queue.pop_front() {
        for &dependent in &dependents[down] {
            if via[dependent].is_none() {
                via[dependent] = Some(down);
                queue.push_back(dependent);
            }
        }
    }
    BlastRadius { via }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Protects transitive loss through a diamond, and that untouched branches survive.
    #[test]
    fn blast_radius_follows_dependents() {
        // 0 <- 1 <- 3, 0 <- 2 <- 3 (diamond), 4 independent
        let graph = vec![vec![], vec![0], vec![0], vec![1, 2], vec![]];
        let radius = blast_radius(&graph, &[0]);
        assert_eq!(radius.lost().collect::<Vec<_>>(), vec![0, 1, 2, 3]);
        assert!(!radius.is_lost(4));
        assert_eq!(radius.path(3), vec![3, 1, 0]);
        assert_eq!(radius.path(0), vec![0]);
        assert!(radius.path(4).is_empty());
        let none = blast_radius(&graph, &[4]);
        assert_eq!(none.lost().collect::<Vec<_>>(), vec![4]);
    }

    // Protects a deep chain: the last link is lost with the full path.
    #[test]
    fn blast_radius_deep_chain() {
        let graph: Vec<Vec<usize>> = (0..1000)
            .map(|i| if i == 0 { vec![] } else { vec![i - 1] })
            .collect();
        let radius = blast_radius(&graph, &[0]);
        assert_eq!(radius.lost().count(), 1000);
        assert_eq!(radius.path(999).len(), 1000);
    }

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
