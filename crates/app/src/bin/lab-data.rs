//! The data lab of Perplexed, as its own bundle: the shell (language, navigation, notices)
//! around this lab alone. Trunk builds every bundle from `index.html`, whose loader picks one
//! from `?lab=`.

perplexed_app::lab_main!(data);
