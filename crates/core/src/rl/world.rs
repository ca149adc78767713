//! # The gridworld: a small Markov decision process
//!
//! A grid of cells, `width × height`, each empty, a wall, the start, a goal or a pit. The agent
//! stands on a cell (its **state** `s`, the cell's index `row·width + column`) and picks one of
//! four **actions** `a` (up, right, down, left). The world answers with the next cell `s'` and a
//! **reward** `r`:
//!
//! ```text
//! intended move with probability p, each sideways move with (1 − p)/2   (slippery when p < 1)
//! a move off the grid or into a wall leaves the agent where it is
//! r = reward of the goal or pit entered, else the step reward (a cost when negative)
//! ```
//!
//! Entering a goal ends the episode. Entering a pit ends it too ([`PitRule::End`], Gymnasium's
//! FrozenLake holes) or sends the agent back to the start ([`PitRule::Restart`], Sutton &
//! Barto's cliff, Gymnasium's CliffWalking). With `p = 1/3` this is FrozenLake's slippery ice;
//! the transition model [`World::model`] lists, for every state and action, the outcomes
//! `(probability, s', r, terminal)` — the `P[s][a]` of Gymnasium, which the tests compare
//! against.
//!
//! A layout is written as text, one row after another, separated by commas: `.` empty, `x` a
//! wall, `s` the start, `g` a goal, `p` a pit; a goal or pit may carry its reward right after
//! the letter (`g10`, `p-100`), else it has the default (+1 and −1). `s...,.x.p,...g` is a
//! 4 × 3 world.

use crate::error::ParamError;
use crate::shared::slug_enum;

/// Smallest and largest side of a grid, in cells.
pub const MIN_SIDE: usize = 2;
pub const MAX_SIDE: usize = 12;
/// Largest reward (in absolute value) a cell or a step may carry.
pub const MAX_REWARD: f64 = 1000.0;
/// A goal's reward and a pit's when the layout names none.
pub const DEFAULT_GOAL: f64 = 1.0;
pub const DEFAULT_PIT: f64 = -1.0;

/// What a cell is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    Empty,
    Wall,
    /// Where every episode starts (an empty cell otherwise).
    Start,
    /// Entering it earns its reward and ends the episode.
    Goal(f64),
    /// Entering it earns its reward (usually negative); then [`PitRule`].
    Pit(f64),
}

impl Cell {
    /// The reward a goal or a pit gives, `None` for other cells.
    pub fn reward(self) -> Option<f64> {
        match self {
            Cell::Goal(r) | Cell::Pit(r) => Some(r),
            _ => None,
        }
    }
}

slug_enum! {
    /// What entering a pit does after its reward.
    pub enum PitRule {
        /// The episode ends there (FrozenLake's holes).
        End => "end",
        /// The agent is back at the start, the episode goes on (the cliff walk).
        Restart => "restart",
    }
}

/// The four moves, in the order of every table here (Q-values, policies, transitions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Up = 0,
    Right = 1,
    Down = 2,
    Left = 3,
}

/// Number of actions.
pub const ACTIONS: usize = 4;

impl Action {
    pub const ALL: [Action; ACTIONS] = [Action::Up, Action::Right, Action::Down, Action::Left];

    pub fn from_index(i: usize) -> Action {
        Action::ALL[i % ACTIONS]
    }

    /// (row step, column step).
    pub fn delta(self) -> (isize, isize) {
        match self {
            Action::Up => (-1, 0),
            Action::Right => (0, 1),
            Action::Down => (1, 0),
            Action::Left => (0, -1),
        }
    }

    /// The two moves at right angles, where a slippery floor may send the agent instead.
    pub fn sideways(self) -> [Action; 2] {
        match self {
            Action::Up | Action::Down => [Action::Left, Action::Right],
            Action::Right | Action::Left => [Action::Up, Action::Down],
        }
    }
}

/// One possible result of an action: with `probability`, the agent lands on `next`, receives
/// `reward`, and the episode ends if `terminal`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    pub probability: f64,
    pub next: usize,
    pub reward: f64,
    pub terminal: bool,
}

/// A gridworld: its cells, the step reward, how slippery it is and what pits do.
#[derive(Debug, Clone, PartialEq)]
pub struct World {
    width: usize,
    height: usize,
    cells: Vec<Cell>,
    /// The reward of a move that enters no goal or pit (negative: a cost per step).
    pub step_reward: f64,
    /// Probability that the intended move happens (1: not slippery).
    pub success: f64,
    pub pits: PitRule,
}

impl World {
    /// A world from its layout text (see the module's docs) and its rules.
    ///
    /// Errors: `"world"` for a layout that is not one (uneven rows, an unknown letter, a side
    /// outside 2–12, a reward that is not a number in ±1000), `"start"` unless exactly one
    /// start, `"goal"` without a goal, `"step_reward"` outside ±1000, `"slip"` for a success
    /// probability outside 0–1.
    pub fn parse(layout: &str, step_reward: f64, success: f64, pits: PitRule) -> Result<World, ParamError> {
        let rows: Vec<Vec<Cell>> = layout.split(',').map(parse_row).collect::<Option<_>>().ok_or_else(|| ParamError::unsupported("world"))?;
        let height = rows.len();
        let width = rows.first().map_or(0, Vec::len);
        if rows.iter().any(|r| r.len() != width) {
            return Err(ParamError::unsupported("world"));
        }
        World::new(width, height, rows.concat(), step_reward, success, pits)
    }

    /// A world from its cells, row after row (see [`parse`](Self::parse) for the errors).
    pub fn new(width: usize, height: usize, cells: Vec<Cell>, step_reward: f64, success: f64, pits: PitRule) -> Result<World, ParamError> {
        for side in [width, height] {
            ParamError::check_range("world", MIN_SIDE as f64, MAX_SIDE as f64, side as f64)?;
        }
        if cells.len() != width * height {
            return Err(ParamError::length_mismatch("world", width * height, cells.len()));
        }
        for c in &cells {
            if let Some(r) = c.reward() {
                ParamError::check_range("world", -MAX_REWARD, MAX_REWARD, r)?;
            }
        }
        let starts = cells.iter().filter(|c| **c == Cell::Start).count();
        if starts != 1 {
            return Err(if starts == 0 { ParamError::too_few("start", 1, 0) } else { ParamError::out_of_range("start", 1.0, 1.0, starts as f64) });
        }
        if !cells.iter().any(|c| matches!(c, Cell::Goal(_))) {
            return Err(ParamError::too_few("goal", 1, 0));
        }
        ParamError::check_range("step_reward", -MAX_REWARD, MAX_REWARD, step_reward)?;
        ParamError::check_range("slip", 0.0, 1.0, success)?;
        Ok(World { width, height, cells, step_reward, success, pits })
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn height(&self) -> usize {
        self.height
    }

    /// Number of states (every cell, walls included: they are never entered).
    pub fn states(&self) -> usize {
        self.cells.len()
    }

    pub fn cells(&self) -> &[Cell] {
        &self.cells
    }

    pub fn cell(&self, s: usize) -> Cell {
        self.cells.get(s).copied().unwrap_or(Cell::Wall)
    }

    /// The start's state.
    pub fn start(&self) -> usize {
        self.cells.iter().position(|c| *c == Cell::Start).unwrap_or(0)
    }

    /// (row, column) of a state.
    pub fn position(&self, s: usize) -> (usize, usize) {
        (s / self.width, s % self.width)
    }

    /// Whether an episode is over once the agent stands on `s` (a goal, or a pit that ends it).
    pub fn is_terminal(&self, s: usize) -> bool {
        match self.cell(s) {
            Cell::Goal(_) => true,
            Cell::Pit(_) => self.pits == PitRule::End,
            _ => false,
        }
    }

    /// Whether the agent can stand on `s` and act there (not a wall, not a terminal cell).
    pub fn is_decision(&self, s: usize) -> bool {
        self.cell(s) != Cell::Wall && !self.is_terminal(s)
    }

    /// Where a move from `s` leads on a dry floor: the neighbour, or `s` itself at an edge or
    /// a wall.
    pub fn moved(&self, s: usize, a: Action) -> usize {
        let (r, c) = self.position(s);
        let (dr, dc) = a.delta();
        let (nr, nc) = (r as isize + dr, c as isize + dc);
        if nr < 0 || nc < 0 || nr >= self.height as isize || nc >= self.width as isize {
            return s;
        }
        let n = nr as usize * self.width + nc as usize;
        if self.cells[n] == Cell::Wall { s } else { n }
    }

    /// What entering `n` gives: (where the agent ends up, reward, episode over).
    pub fn enter(&self, n: usize) -> (usize, f64, bool) {
        match self.cell(n) {
            Cell::Goal(r) => (n, r, true),
            Cell::Pit(r) => match self.pits {
                PitRule::End => (n, r, true),
                PitRule::Restart => (self.start(), r, false),
            },
            _ => (n, self.step_reward, false),
        }
    }

    /// The outcomes of action `a` in state `s`: the intended move with probability `p`, each
    /// sideways one with `(1 − p)/2`; outcomes that land alike are merged, those of zero
    /// probability left out. Empty for a wall or a terminal state (nothing happens there).
    pub fn outcomes(&self, s: usize, a: Action) -> Vec<Outcome> {
        let mut out: Vec<Outcome> = Vec::with_capacity(3);
        if !self.is_decision(s) {
            return out;
        }
        let side = (1.0 - self.success) / 2.0;
        let [left, right] = a.sideways();
        for (dir, probability) in [(a, self.success), (left, side), (right, side)] {
            if probability <= 0.0 {
                continue;
            }
            let (next, reward, terminal) = self.enter(self.moved(s, dir));
            match out.iter_mut().find(|o| o.next == next && o.reward == reward && o.terminal == terminal) {
                Some(o) => o.probability += probability,
                None => out.push(Outcome { probability, next, reward, terminal }),
            }
        }
        out
    }

    /// Every state's and action's outcomes, flattened for the planner's and the learner's
    /// inner loops.
    pub fn model(&self) -> Model {
        let mut outcomes = Vec::new();
        let mut spans = Vec::with_capacity(self.states() * ACTIONS);
        for s in 0..self.states() {
            for a in Action::ALL {
                let start = outcomes.len();
                outcomes.extend(self.outcomes(s, a));
                spans.push((start as u32, (outcomes.len() - start) as u32));
            }
        }
        Model { outcomes, spans, decision: (0..self.states()).map(|s| self.is_decision(s)).collect() }
    }

    /// The layout as text (see the module's docs): the inverse of [`parse`](Self::parse).
    pub fn layout(&self) -> String {
        let mut out = String::with_capacity(self.cells.len() + self.height + 16);
        for (i, c) in self.cells.iter().enumerate() {
            if i > 0 && i % self.width == 0 {
                out.push(',');
            }
            match *c {
                Cell::Empty => out.push('.'),
                Cell::Wall => out.push('x'),
                Cell::Start => out.push('s'),
                Cell::Goal(r) => {
                    out.push('g');
                    if r != DEFAULT_GOAL {
                        out.push_str(&short(r));
                    }
                }
                Cell::Pit(r) => {
                    out.push('p');
                    if r != DEFAULT_PIT {
                        out.push_str(&short(r));
                    }
                }
            }
        }
        out
    }

    /// This world with `cell` at `s` (a second start moves the start there; the old start
    /// becomes empty). Errors as [`new`](Self::new): removing the only goal or the start.
    pub fn with_cell(&self, s: usize, cell: Cell) -> Result<World, ParamError> {
        let mut cells = self.cells.clone();
        if s >= cells.len() {
            return Err(ParamError::out_of_range("cell", 0.0, cells.len() as f64 - 1.0, s as f64));
        }
        if cell == Cell::Start {
            for c in &mut cells {
                if *c == Cell::Start {
                    *c = Cell::Empty;
                }
            }
        }
        cells[s] = cell;
        World::new(self.width, self.height, cells, self.step_reward, self.success, self.pits)
    }

    /// This world cut or grown to `width × height`: cells keep their place, new ones are
    /// empty; a start or the last goal cut off moves to the nearest corner inside.
    pub fn resized(&self, width: usize, height: usize) -> Result<World, ParamError> {
        let (w, h) = (width.clamp(1, MAX_SIDE), height.clamp(1, MAX_SIDE));
        let mut cells = vec![Cell::Empty; w * h];
        for r in 0..h.min(self.height) {
            for c in 0..w.min(self.width) {
                cells[r * w + c] = self.cells[r * self.width + c];
            }
        }
        if !cells.contains(&Cell::Start) {
            cells[0] = Cell::Start;
        }
        if !cells.iter().any(|c| matches!(c, Cell::Goal(_))) {
            let goal = self.cells.iter().find(|c| matches!(c, Cell::Goal(_))).copied().unwrap_or(Cell::Goal(DEFAULT_GOAL));
            let last = w * h - 1;
            let at = if cells[last] == Cell::Start { last - 1 } else { last };
            cells[at] = goal;
        }
        World::new(width, height, cells, self.step_reward, self.success, self.pits)
    }
}

/// A reward in the layout: as short as it reads back exactly.
fn short(r: f64) -> String {
    format!("{r}")
}

/// One row of a layout, or `None` if it holds something else.
fn parse_row(row: &str) -> Option<Vec<Cell>> {
    let b = row.as_bytes();
    let mut cells = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let letter = b[i];
        i += 1;
        let cell = match letter {
            b'.' => Cell::Empty,
            b'x' => Cell::Wall,
            b's' => Cell::Start,
            b'g' | b'p' => {
                // An optional number: -?digits(.digits)?
                let from = i;
                if i < b.len() && b[i] == b'-' {
                    i += 1;
                }
                let digits = i;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() && i > digits {
                    i += 1;
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                let reward = if i == from {
                    if letter == b'g' { DEFAULT_GOAL } else { DEFAULT_PIT }
                } else {
                    if i == digits {
                        return None;
                    }
                    row.get(from..i)?.parse::<f64>().ok()?
                };
                if letter == b'g' { Cell::Goal(reward) } else { Cell::Pit(reward) }
            }
            _ => return None,
        };
        cells.push(cell);
    }
    Some(cells)
}

/// The transitions of every state and action, flat: `outcomes[spans[s·4 + a]]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    outcomes: Vec<Outcome>,
    spans: Vec<(u32, u32)>,
    decision: Vec<bool>,
}

impl Model {
    pub fn states(&self) -> usize {
        self.decision.len()
    }

    /// The outcomes of `a` in `s` (empty where nothing is decided: walls, terminal states).
    pub fn outcomes(&self, s: usize, a: usize) -> &[Outcome] {
        let (start, len) = self.spans[s * ACTIONS + a];
        &self.outcomes[start as usize..(start + len) as usize]
    }

    /// Whether the agent acts in `s`.
    pub fn is_decision(&self, s: usize) -> bool {
        self.decision[s]
    }

    /// `Σ p·(r + γ·V(s'))` over the outcomes of `a` in `s`, nothing after a terminal one: the
    /// action's value when the states are worth `values`.
    pub fn backup(&self, s: usize, a: usize, gamma: f64, values: &[f64]) -> f64 {
        self.outcomes(s, a).iter().map(|o| o.probability * (o.reward + if o.terminal { 0.0 } else { gamma * values[o.next] })).sum()
    }

    /// The largest reward in absolute value: `|r|max / (1 − γ)` bounds every value.
    pub fn reward_bound(&self) -> f64 {
        self.outcomes.iter().fold(0.0f64, |m, o| m.max(o.reward.abs()))
    }
}

/// The worlds the page opens with: name, layout, step reward, success probability, pit rule.
pub struct Preset {
    pub name: &'static str,
    pub layout: &'static str,
    pub step_reward: f64,
    pub success: f64,
    pub pits: PitRule,
}

impl Preset {
    pub fn world(&self) -> World {
        // The presets are tested to parse; a default world is the fallback that cannot fail.
        World::parse(self.layout, self.step_reward, self.success, self.pits).unwrap_or_else(|_| tiny())
    }
}

fn tiny() -> World {
    World { width: 2, height: 2, cells: vec![Cell::Start, Cell::Empty, Cell::Empty, Cell::Goal(DEFAULT_GOAL)], step_reward: 0.0, success: 1.0, pits: PitRule::End }
}

/// A simple maze: the start top left, the goal (+1) bottom right, a pit (−1) beside the
/// shortest way, and −0.01 a move (hurry: without it every path to the goal would do as well,
/// discounting aside).
pub const MAZE: Preset = Preset {
    name: "maze",
    layout: "s...x...,.xx.x.x.,.x.....x,.x.xxx..,...x.p.x,xx.x.x..,...x.x.x,.x.....g",
    step_reward: -0.01,
    success: 1.0,
    pits: PitRule::End,
};

/// Sutton & Barto's cliff walk (Example 6.6), Gymnasium's CliffWalking: 12 × 4, −1 a step, the
/// cliff −100 and back to the start, the goal at the far end.
pub const CLIFF: Preset = Preset {
    name: "cliff",
    layout: "............,............,............,sp-100p-100p-100p-100p-100p-100p-100p-100p-100p-100g0",
    step_reward: -1.0,
    success: 1.0,
    pits: PitRule::Restart,
};

/// Gymnasium's FrozenLake 4 × 4: the intended move succeeds a third of the time; holes end the
/// episode with nothing, the goal gives +1.
pub const LAKE: Preset = Preset {
    name: "lake",
    layout: "s...,.p0.p0,...p0,p0..g",
    step_reward: 0.0,
    success: 1.0 / 3.0,
    pits: PitRule::End,
};

/// Near or far: a corridor with a small goal (+0.3) three cells to the left of the start and a
/// large one (+1) five to the right. At γ = 0.9 the far one is worth more (0.9⁴ = 0.66 against
/// 0.3·0.9² = 0.24), but a greedy agent keeps going to whichever it found first.
pub const TWO_GOALS: Preset = Preset {
    name: "two-goals",
    layout: "xxxxxxxxx,g0.3..s....g,xxxxxxxxx",
    step_reward: 0.0,
    success: 1.0,
    pits: PitRule::End,
};

pub const PRESETS: [Preset; 4] = [MAZE, CLIFF, LAKE, TWO_GOALS];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layouts_read_and_write_back() {
        for p in PRESETS {
            let w = World::parse(p.layout, p.step_reward, p.success, p.pits).unwrap();
            assert_eq!(w.layout(), p.layout, "{}", p.name);
        }
        let w = World::parse("sg2.5,p-0.5.", 0.0, 1.0, PitRule::End).unwrap();
        assert_eq!(w.cells(), [Cell::Start, Cell::Goal(2.5), Cell::Pit(-0.5), Cell::Empty]);
        assert_eq!(w.layout(), "sg2.5,p-0.5.");
        for bad in ["s.,.", "s.,g", "sg,g", "sq,.g", "s.g,.g", "sg-,..", "sg1.,..", "s,g", &"s".repeat(13)] {
            assert!(World::parse(bad, 0.0, 1.0, PitRule::End).is_err(), "{bad}");
        }
        assert_eq!(World::parse("..,.g", 0.0, 1.0, PitRule::End).unwrap_err().field, "start");
        assert_eq!(World::parse("s.,..", 0.0, 1.0, PitRule::End).unwrap_err().field, "goal");
        assert_eq!(World::parse("s.,.g", 0.0, 1.5, PitRule::End).unwrap_err().field, "slip");
        assert_eq!(World::parse("sg1001,..", 0.0, 1.0, PitRule::End).unwrap_err().field, "world");
    }

    /// A 3 × 2 world `s.g,xp.` with success 0.8: from the start (0), right lands on 1 with
    /// 0.8; the sideways moves are up (off the grid: stay, 0.1) and down (a wall: stay, 0.1),
    /// merged into one outcome of 0.2. From 1, down enters the pit (−1, the end) with 0.8,
    /// left goes back to 0 with 0.1, right enters the goal (+1, the end) with 0.1.
    #[test]
    fn outcomes_follow_the_slippery_floor() {
        let w = World::parse("s.g,xp.", -0.1, 0.8, PitRule::End).unwrap();
        let right = w.outcomes(0, Action::Right);
        assert_eq!(right.len(), 2);
        assert_eq!((right[0].next, right[0].reward, right[0].terminal), (1, -0.1, false));
        assert!((right[0].probability - 0.8).abs() < 1e-12);
        assert_eq!(right[1].next, 0);
        assert!((right[1].probability - 0.2).abs() < 1e-12);
        let down = w.outcomes(1, Action::Down);
        let find = |n: usize| down.iter().find(|o| o.next == n).copied().unwrap();
        assert_eq!((find(4).reward, find(4).terminal), (-1.0, true));
        assert!((find(4).probability - 0.8).abs() < 1e-12);
        assert_eq!((find(2).reward, find(2).terminal), (1.0, true));
        assert_eq!(find(0).reward, -0.1);
        assert!(w.outcomes(2, Action::Left).is_empty(), "nothing happens in a terminal state");
        // Restarting pits send the agent to the start and go on.
        let r = World::parse("s.g,xp.", -0.1, 1.0, PitRule::Restart).unwrap();
        assert_eq!(r.outcomes(1, Action::Down), [Outcome { probability: 1.0, next: 0, reward: -1.0, terminal: false }]);
    }

    #[test]
    fn editing_keeps_one_start_and_a_goal() {
        let w = MAZE.world();
        let moved = w.with_cell(9, Cell::Start).unwrap();
        assert_eq!(moved.start(), 9);
        assert_eq!(moved.cells().iter().filter(|c| **c == Cell::Start).count(), 1);
        assert_eq!(w.with_cell(w.start(), Cell::Empty).unwrap_err().field, "start");
        assert_eq!(w.with_cell(63, Cell::Wall).unwrap_err().field, "goal");
        let small = w.resized(4, 4).unwrap();
        assert_eq!((small.width(), small.height(), small.start()), (4, 4, 0));
        assert!(matches!(small.cell(15), Cell::Goal(_)), "the goal cut off comes back in the corner");
        let big = w.resized(12, 10).unwrap();
        assert_eq!(big.cell(11), Cell::Empty);
        assert_eq!(big.cell(7 * 12 + 7), Cell::Goal(1.0));
    }
}
