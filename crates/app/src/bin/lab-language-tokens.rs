//! The language lab's tokens page, as its own bundle (`?lab=language&part=tokens`): the
//! tokenizer replayed merge by merge, without the transformer.

perplexed_app::lab_main!(language, tokens_page);
