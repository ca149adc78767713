//! Perplexed's home page, as its own bundle: the shell around the map of the thread's concepts
//! and the list of labs. Trunk builds every bundle from `index.html`, whose loader picks one
//! from `?lab=` (this one when there is none, or an unknown one).

perplexed_app::lab_main!();
