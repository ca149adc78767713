//! # Reinforcement learning: an agent learns a gridworld from rewards and penalties
//!
//! No one tells the agent the right move. It acts, the world answers with a reward (or a
//! penalty), and it learns which moves pay off in the long run — the **return**
//! `G = r₁ + γ·r₂ + γ²·r₃ + …`, where the discount `γ < 1` makes a reward now worth more than
//! the same reward later. What it learns is a **value** for each state, `V(s)`, or for each
//! state and move, `Q(s, a)`: the return to expect from there. Acting greedily on good values
//! is a good **policy**.
//!
//! Two ways to the values, side by side on the page:
//!
//! | file | what it holds |
//! |---|---|
//! | [`world`] | the gridworld as a Markov decision process: walls, the start, goals and pits with their rewards, a step reward, a slippery floor; the transition model `P[s][a]` (Gymnasium's, checked against FrozenLake and CliffWalking); the layout as text; the presets (a maze, the cliff walk, the slippery lake) |
//! | [`planning`] | dynamic programming with the model: policy evaluation one sweep at a time, policy improvement, value iteration |
//! | [`learning`] | learning from experience without the model: Q-learning, SARSA and Expected SARSA, ε-greedy exploration with decay, eligibility traces (λ), Dyna-Q planning; returns, lengths and the gap to the optimum per episode |
//! | [`bandit`] | the warm-up: a multi-armed bandit, ε-greedy against UCB, with the regret of each |

pub mod bandit;
pub mod learning;
pub mod planning;
pub mod world;
